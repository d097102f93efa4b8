package dev.inlet.relay.cluster;

import dev.inlet.relay.store.ChangeStore;
import io.vertx.sqlclient.Pool;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration changes between nodes. A node that writes an endpoint, route, queue, tenant or
 * token applies the change to its own caches at once and {@link #announce}s it; every node
 * (itself too, harmlessly) hears it on {@code LISTEN inlet_changes} ({@link NodeListener}) and
 * forgets what it cached, so another node applies a change within milliseconds rather than its
 * cache time. The cache times stay as the safety net: a notice lost while a node's LISTEN
 * connection was down is made up for by {@link #relistened} (every cache forgets everything).
 */
public final class ClusterChanges {
  private static final Logger log = LoggerFactory.getLogger(ClusterChanges.class);

  private final Pool pool;
  private final ChangeStore store;
  private final Map<ChangeKind, List<Consumer<String>>> listeners = new EnumMap<>(ChangeKind.class);
  private final List<Runnable> onRelisten = new CopyOnWriteArrayList<>();

  public ClusterChanges(Pool pool, ChangeStore store) {
    this.pool = pool;
    this.store = store;
    for (ChangeKind kind : ChangeKind.values()) {
      listeners.put(kind, new CopyOnWriteArrayList<>());
    }
  }

  /** Tells every node that {@code key} changed; after the change committed. A failure is logged: the TTLs cover it. */
  public void announce(ChangeKind kind, String key) {
    store.announce(pool, kind.payload(key)).onFailure(e ->
        log.warn("Could not tell the other nodes of a {} change ({}); they see it within their cache time",
            kind.name().toLowerCase(), e.toString()));
  }

  /** Runs {@code listener} with the key of every change of {@code kind} any node announces. */
  public void on(ChangeKind kind, Consumer<String> listener) {
    listeners.get(kind).add(listener);
  }

  /** Runs {@code action} each time the LISTEN connection is back after a drop: notices may have been missed. */
  public void onRelisten(Runnable action) {
    onRelisten.add(action);
  }

  void received(String payload) {
    ChangeKind.of(payload).ifPresentOrElse(kind -> {
      String key = kind.key(payload);
      for (Consumer<String> listener : listeners.get(kind)) {
        try {
          listener.accept(key);
        } catch (RuntimeException e) {
          log.warn("A {} change notice could not be applied: {}", kind.name().toLowerCase(), e.toString());
        }
      }
    }, () -> log.debug("Ignoring a change notice of no known kind"));
  }

  void relistened() {
    onRelisten.forEach(Runnable::run);
  }
}
