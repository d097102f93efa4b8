package dev.inlet.sdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link IdempotencyStore} for one process: bounded, with per-key expiry. When full, the
 * oldest claim is forgotten first, so size it above the keys seen in one TTL.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final int maxEntries;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();

  public InMemoryIdempotencyStore() {
    this(DEFAULT_MAX_ENTRIES);
  }

  public InMemoryIdempotencyStore(int maxEntries) {
    this(maxEntries, Clock.systemUTC());
  }

  public InMemoryIdempotencyStore(int maxEntries, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1: " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized boolean firstTime(String key, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Instant now = clock.instant();
    Instant expiry = expiries.get(key);
    if (expiry != null && expiry.isAfter(now)) {
      return false;
    }
    expiries.remove(key); // re-insert so insertion order stays oldest-claim-first
    expiries.put(key, now.plus(positive(ttl)));
    evict(now);
    return true;
  }

  @Override
  public synchronized void release(String key) {
    expiries.remove(Objects.requireNonNull(key, "key"));
  }

  /** Number of keys held, including expired ones not yet evicted. */
  public synchronized int size() {
    return expiries.size();
  }

  private void evict(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = expiries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Instant> eldest = it.next();
      if (expiries.size() > maxEntries || !eldest.getValue().isAfter(now)) {
        it.remove();
      } else {
        return;
      }
    }
  }

  static Duration positive(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    return ttl;
  }
}
