package dev.inlet.relay.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.BudgetStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's ingest rate across all relay nodes. Each second of database time a tenant has its rate
 * of requests to spend ({@code ingest_budget}); a node leases shares of it in chunks of a tenth of
 * the rate, with one statement, and spends them from memory. A request finding its node's share
 * used up waits for the next lease (one in flight per tenant per node); a spent window refuses
 * locally until it ends. The node's own {@link TenantRateLimiter} still applies first, so one node
 * behaves as before. Unused shares lapse with their window: with N nodes near the limit, up to N-1
 * chunks a second go unspent. If a lease fails or takes over {@link #LEASE_TIMEOUT_MILLIS}, the
 * tenant's requests are decided by this node's limiter alone for {@link #FALLBACK_MILLIS}.
 */
public final class SharedRateLimiter {
  static final long LEASE_TIMEOUT_MILLIS = 500;
  static final long FALLBACK_MILLIS = 2_000;
  static final long SWEEP_EVERY_MILLIS = 5_000;
  static final int SWEEP_MAX_ROWS = 1_000;
  private static final Logger log = LoggerFactory.getLogger(SharedRateLimiter.class);

  private final Vertx vertx;
  private final Pool pool;
  private final BudgetStore store;
  private final TenantRateLimiter local;
  private final Counter leases;
  private final Counter failures;
  private final Cache<TenantId, TenantShare> shares = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterAccess(Duration.ofMinutes(1))
      .build();
  private final long sweeper;
  private volatile boolean degraded;

  public SharedRateLimiter(Vertx vertx, Pool pool, BudgetStore store, TenantRateLimiter local,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.local = local;
    this.leases = Counter.builder("inlet.ingest.budget.refills")
        .description("Shares of tenants' ingest budgets this node leased from the database")
        .register(registry);
    this.failures = Counter.builder("inlet.ingest.budget.refill.failures")
        .description("Leases of ingest budget that failed or timed out (the node's own limit applied meanwhile)")
        .register(registry);
    this.sweeper = vertx.setPeriodic(SWEEP_EVERY_MILLIS, id -> sweep());
  }

  /**
   * Empty when the request may go on; else how many seconds to wait ({@code Retry-After}). Completes
   * on the caller's context; at once unless this node's share is used up.
   */
  public Future<OptionalLong> acquire(TenantId tenant, Integer ratePerSecond) {
    if (ratePerSecond == null) {
      return TenantShare.PASS;
    }
    OptionalLong wait = local.acquire(tenant, ratePerSecond);
    if (wait.isPresent()) {
      return Future.succeededFuture(wait);
    }
    return shares.get(tenant, t -> new TenantShare(t, this::lease)).take(ratePerSecond);
  }

  private Future<BudgetStore.Grant> lease(TenantId tenant, int wanted, int limit) {
    return store.lease(pool, tenant, wanted, limit)
        .timeout(LEASE_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .onSuccess(grant -> {
          leases.increment();
          if (degraded) {
            degraded = false;
            log.info("Ingest budgets are leased from the database again: tenants' rates hold across nodes");
          }
        })
        .onFailure(cause -> {
          failures.increment();
          if (!degraded) {
            degraded = true;
            log.warn("Could not lease ingest budget ({}); each node limits tenants' rates on its own meanwhile",
                cause.toString());
          }
        });
  }

  private void sweep() {
    store.sweep(pool, SWEEP_MAX_ROWS)
        .onFailure(cause -> log.debug("Could not sweep past ingest budget windows: {}", cause.toString()));
  }

  public void stop() {
    vertx.cancelTimer(sweeper);
  }
}
