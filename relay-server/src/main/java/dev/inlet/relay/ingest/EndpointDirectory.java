package dev.inlet.relay.ingest;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.store.IngestStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints as the inbound path sees them, cached for a few seconds so a burst of webhooks costs one
 * lookup. Writes on this node invalidate at once; other nodes see a change within the TTL. Unknown
 * ids are cached too, so guessing ids cannot turn into a query per request.
 */
public final class EndpointDirectory {
  static final int MAX_ENTRIES = 100_000;

  private record Entry(Future<Optional<IngestEndpoint>> endpoint, long loadedAtNanos) {}

  private final Pool pool;
  private final IngestStore store;
  private final long ttlNanos;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public EndpointDirectory(Pool pool, IngestStore store, long ttlMillis) {
    this.pool = pool;
    this.store = store;
    this.ttlNanos = ttlMillis * 1_000_000L;
  }

  /** The endpoint; the future completes on the caller's event loop, whichever loop loaded it. */
  public Future<Optional<IngestEndpoint>> lookup(EndpointId id) {
    Future<Optional<IngestEndpoint>> shared = cachedOrLoad(id);
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return shared;
    }
    // The cached future belongs to the event loop that loaded it; its callbacks would run there.
    // Each HTTP verticle's state (its group committer) must only be touched from its own loop.
    Promise<Optional<IngestEndpoint>> local = Promise.promise();
    shared.onComplete(result -> {
      if (Vertx.currentContext() == caller) {
        local.handle(result);
      } else {
        caller.runOnContext(v -> local.handle(result));
      }
    });
    return local.future();
  }

  private Future<Optional<IngestEndpoint>> cachedOrLoad(EndpointId id) {
    long now = System.nanoTime();
    Entry entry = cache.get(id.value());
    if (entry != null && now - entry.loadedAtNanos() < ttlNanos && !entry.endpoint().failed()) {
      return entry.endpoint();
    }
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    // Concurrent requests for the same endpoint share one load.
    Future<Optional<IngestEndpoint>> load = store.findEndpoint(pool, id).map(found -> found.map(IngestEndpoint::from));
    cache.put(id.value(), new Entry(load, now));
    return load;
  }

  /** Forget an endpoint after it changed or went away on this node. */
  public void invalidate(EndpointId id) {
    cache.remove(id.value());
  }

  /** Forget everything: tenants, queues or routes changed in ways that touch many endpoints. */
  public void invalidateAll() {
    cache.clear();
  }
}
