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
 * that key; other nodes forget it when the change notice reaches them (milliseconds), or within the
 * TTL should it be lost (a deleted queue there answers "nothing to deliver" meanwhile, since its
 * messages are gone). Unknown names are not cached.
 */
public final class QueueDirectory {
  static final int MAX_ENTRIES = 100_000;

  private final Pool pool;
  private final QueueStore queues;
  private final Cache<String, Queue> cache;

  public QueueDirectory(Pool pool, QueueStore queues, long ttlMillis) {
    this.pool = pool;
    this.queues = queues;
    this.cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(Duration.ofMillis(ttlMillis)).build();
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

  /** Forget the queue another node changed; {@code key} is {@link #key}'s form, tenant id / name. */
  public void forget(String key) {
    cache.invalidate(key);
  }

  /** Forget every queue: change notices may have been missed. */
  public void forgetAll() {
    cache.invalidateAll();
  }

  /** The key other nodes are told a changed queue by: tenant id / name. */
  public static String key(TenantId tenant, String name) {
    return tenant.value() + "/" + name;
  }
}
