package dev.inlet.relay.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inlet.relay.endpoint.EndpointSecrets;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.secret.UnreadableSecretException;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.IngestStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoints as the inbound path sees them, cached so a burst of webhooks costs one lookup. Two
 * bounded caches (Caffeine): endpoints that exist, for {@code ttlMillis}, and ids that do not, for
 * {@link #NEGATIVE_TTL_MILLIS}. A flood of guessed ids fills only the second, so it can neither
 * evict a live endpoint nor turn into a query per request, and a new endpoint is not hidden for
 * long. Writes on this node invalidate their key at once; other nodes when its change notice
 * reaches them, or within the TTL should the notice be lost.
 */
public final class EndpointDirectory {
  static final int MAX_ENTRIES = 100_000;
  static final long NEGATIVE_TTL_MILLIS = 1_000;
  private static final Logger log = LoggerFactory.getLogger(EndpointDirectory.class);

  private final Pool pool;
  private final IngestStore store;
  private final EndpointSecrets secrets;
  private final Cache<String, IngestEndpoint> known;
  private final Cache<String, Boolean> unknown;
  /** Loads in flight: concurrent requests for one id share its load. */
  private final Map<String, Future<Optional<IngestEndpoint>>> loading = new ConcurrentHashMap<>();

  public EndpointDirectory(Pool pool, IngestStore store, EndpointSecrets secrets, long ttlMillis) {
    this(pool, store, secrets, ttlMillis, MAX_ENTRIES);
  }

  EndpointDirectory(Pool pool, IngestStore store, EndpointSecrets secrets, long ttlMillis, int maxEntries) {
    this.pool = pool;
    this.store = store;
    this.secrets = secrets;
    this.known = Caffeine.newBuilder().maximumSize(maxEntries)
        .expireAfterWrite(Duration.ofMillis(ttlMillis)).build();
    this.unknown = Caffeine.newBuilder().maximumSize(maxEntries)
        .expireAfterWrite(Duration.ofMillis(Math.min(ttlMillis, NEGATIVE_TTL_MILLIS))).build();
  }

  /** The endpoint; the future completes on the caller's event loop, whichever loop loaded it. */
  public Future<Optional<IngestEndpoint>> lookup(EndpointId id) {
    Future<Optional<IngestEndpoint>> shared = cachedOrLoad(id.value());
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

  private Future<Optional<IngestEndpoint>> cachedOrLoad(String key) {
    IngestEndpoint cached = known.getIfPresent(key);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    if (unknown.getIfPresent(key) != null) {
      return Future.succeededFuture(Optional.empty());
    }
    return loading.computeIfAbsent(key, k -> store.findEndpoint(pool, new EndpointId(k))
        .map(found -> found.map(this::toEndpoint))
        .onComplete(done -> {
          // A failed load is not remembered: the next request tries again.
          if (done.succeeded()) {
            done.result().ifPresentOrElse(endpoint -> known.put(k, endpoint), () -> unknown.put(k, Boolean.TRUE));
          }
          loading.remove(k);
        }));
  }

  private IngestEndpoint toEndpoint(IngestStore.IngestEndpointRow row) {
    try {
      return IngestEndpoint.from(row, secrets);
    } catch (UnreadableSecretException e) {
      // Its requests fail as if the database were away (503, the provider retries) until the
      // operator gives the relay the key: nothing is refused for good over a missing key.
      log.error("Endpoint {} of tenant {}: its secrets cannot be opened: {}", row.name(), row.tenantId().value(),
          e.getMessage());
      throw e;
    }
  }

  /** Forget an endpoint after it changed or went away on this node. */
  public void invalidate(EndpointId id) {
    known.invalidate(id.value());
    unknown.invalidate(id.value());
  }

  /** Forget the endpoints that route to {@code queueId} (it was deleted, its routes with it). */
  public void forgetRoutesTo(long queueId) {
    known.asMap().values()
        .removeIf(endpoint -> endpoint.targets().stream().anyMatch(target -> target.queueId() == queueId));
  }

  /** Forget a tenant's endpoints: its status, rate or quotas changed on this node. */
  public void forgetTenant(TenantId tenant) {
    known.asMap().values().removeIf(endpoint -> endpoint.tenantId().equals(tenant));
  }

  /** Forget every endpoint: change notices may have been missed. */
  public void forgetAll() {
    known.invalidateAll();
    unknown.invalidateAll();
  }

  /** Live endpoints held now, for tests. */
  long size() {
    known.cleanUp();
    return known.estimatedSize();
  }
}
