package dev.inlet.relay.queue;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.QueueStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queues by tenant and name, cached for a moment: every consumer call needs its queue, and queues
 * rarely change. Changes on this node apply at once; on other nodes within the TTL (a deleted
 * queue there answers "nothing to deliver" meanwhile, since its messages are gone).
 */
public final class QueueDirectory {
  static final long TTL_NANOS = 2_000_000_000L;
  static final int MAX_ENTRIES = 100_000;

  private record Entry(Queue queue, long loadedAtNanos) {}

  private final Pool pool;
  private final QueueStore queues;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public QueueDirectory(Pool pool, QueueStore queues) {
    this.pool = pool;
    this.queues = queues;
  }

  public Future<Optional<Queue>> find(TenantId tenant, String name) {
    String key = tenant.value() + "/" + name;
    Entry entry = cache.get(key);
    if (entry != null && System.nanoTime() - entry.loadedAtNanos() < TTL_NANOS) {
      return Future.succeededFuture(Optional.of(entry.queue()));
    }
    return queues.find(pool, tenant, name).map(found -> found.map(Queue::from)).onSuccess(found -> {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      found.ifPresentOrElse(queue -> cache.put(key, new Entry(queue, System.nanoTime())), () -> cache.remove(key));
    });
  }

  public void invalidate(TenantId tenant, String name) {
    cache.remove(tenant.value() + "/" + name);
  }
}
