package dev.inlet.relay.queue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.QueueStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Optional;

/**
 * Queues by tenant and name, cached for a moment: every consumer call needs its queue, and queues
 * rarely change. A bounded LRU (Caffeine), keyed per queue: changes on this node apply at once to
 * that key; other nodes see them within the TTL (a deleted queue there answers "nothing to deliver"
 * meanwhile, since its messages are gone). Unknown names are not cached.
 */
public final class QueueDirectory {
  static final Duration TTL = Duration.ofSeconds(2);
  static final int MAX_ENTRIES = 100_000;

  private final Pool pool;
  private final QueueStore queues;
  private final Cache<String, Queue> cache = Caffeine.newBuilder()
      .maximumSize(MAX_ENTRIES)
      .expireAfterWrite(TTL)
      .build();

  public QueueDirectory(Pool pool, QueueStore queues) {
    this.pool = pool;
    this.queues = queues;
  }

  public Future<Optional<Queue>> find(TenantId tenant, String name) {
    String key = key(tenant, name);
    Queue cached = cache.getIfPresent(key);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    return queues.find(pool, tenant, name).map(found -> found.map(Queue::from))
        .onSuccess(found -> found.ifPresentOrElse(queue -> cache.put(key, queue), () -> cache.invalidate(key)));
  }

  public void invalidate(TenantId tenant, String name) {
    cache.invalidate(key(tenant, name));
  }

  private static String key(TenantId tenant, String name) {
    return tenant.value() + "/" + name;
  }
}
