package dev.inlet.relay.health;

import dev.inlet.relay.store.HealthStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code inlet_database_up}: 1 while this node's last round trip to the database (one every
 * {@code intervalMillis}) answered, 0 after one failed or took longer than the interval. An alert on
 * it says "database down" before consumers and providers notice.
 */
public final class DatabaseUp {
  private final Pool pool;
  private final HealthStore store;
  private final AtomicInteger up = new AtomicInteger(1);
  private final Vertx vertx;
  private final long timer;
  private final long intervalMillis;
  private boolean checking;

  public DatabaseUp(Vertx vertx, Pool pool, HealthStore store, MeterRegistry registry, long intervalMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.intervalMillis = intervalMillis;
    Gauge.builder("inlet.database.up", up, AtomicInteger::get)
        .description("1 while the database answers this node's periodic check, else 0").register(registry);
    this.timer = vertx.setPeriodic(1, intervalMillis, id -> check());
  }

  private void check() {
    if (checking) {
      // The last check has not answered within an interval: that is down too.
      up.set(0);
      return;
    }
    checking = true;
    store.ping(pool).timeout(intervalMillis, java.util.concurrent.TimeUnit.MILLISECONDS)
        .onComplete(done -> {
          checking = false;
          up.set(done.succeeded() ? 1 : 0);
        });
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }
}
