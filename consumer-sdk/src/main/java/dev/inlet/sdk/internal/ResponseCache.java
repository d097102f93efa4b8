package dev.inlet.sdk.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded, thread-safe LRU map from URI to the last 200 response and its validators. */
public final class ResponseCache<V> {
  private final Map<String, V> entries;

  public ResponseCache(int maxEntries) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > maxEntries;
          }
        };
  }

  public synchronized V get(String key) {
    return entries.get(key);
  }

  public synchronized void put(String key, V value) {
    entries.put(key, value);
  }

  public synchronized void remove(String key) {
    entries.remove(key);
  }

  public synchronized int size() {
    return entries.size();
  }
}
