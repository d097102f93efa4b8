package dev.inlet.relay.health;

import dev.inlet.relay.store.HealthStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** Whether this node can serve: its database answers (migrations ran before it started listening). */
public final class Readiness {
  private final Pool pool;
  private final HealthStore store;

  public Readiness(Pool pool, HealthStore store) {
    this.pool = pool;
    this.store = store;
  }

  /** Succeeds when the database answers, fails when it does not. */
  public Future<Void> check() {
    return store.ping(pool);
  }
}
