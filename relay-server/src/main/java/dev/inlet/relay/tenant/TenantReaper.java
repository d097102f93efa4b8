package dev.inlet.relay.tenant;

import dev.inlet.relay.store.TenantStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes tenants marked for deletion, in steps of at most {@link #ROWS_PER_STEP} rows of each kind
 * (one transaction each, holding the tenant's row so one node at a time works on it), step after
 * step until the tenant row itself goes. Woken by a delete on this node and every {@code pollMillis}.
 */
public final class TenantReaper {
  static final int ROWS_PER_STEP = 5_000;
  private static final Logger log = LoggerFactory.getLogger(TenantReaper.class);

  private final Vertx vertx;
  private final Pool pool;
  private final TenantStore store;
  private final AtomicBoolean running = new AtomicBoolean();
  private final long timer;
  private volatile boolean stopped;

  public TenantReaper(Vertx vertx, Pool pool, TenantStore store, long pollMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.timer = vertx.setPeriodic(pollMillis, id -> wake());
  }

  public void wake() {
    if (stopped || !running.compareAndSet(false, true)) {
      return;
    }
    steps().onComplete(done -> {
      running.set(false);
      if (done.failed()) {
        log.warn("Removing a deleted tenant failed (will retry): {}", done.cause().toString());
      }
    });
  }

  private Future<Void> steps() {
    if (stopped) {
      return Future.succeededFuture();
    }
    return store.deleteStep(pool, ROWS_PER_STEP).compose(step -> {
      if (step.isEmpty()) {
        return Future.succeededFuture();
      }
      if (step.get().tenantRemoved()) {
        log.info("Tenant {} removed", step.get().tenantId());
      }
      return Future.<Void>future(promise -> vertx.runOnContext(v -> promise.complete())).compose(v -> steps());
    });
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }
}
