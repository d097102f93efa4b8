package dev.inlet.relay.health;

import dev.inlet.relay.store.HealthStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Optional;

/** Whether this node can serve: it is not stopping, and its database answers (migrations ran before it listened). */
public final class Readiness {
  /** Why this node is not ready. */
  public enum NotReady { DRAINING, DATABASE_DOWN }

  private final Pool pool;
  private final HealthStore store;
  private final Lifecycle lifecycle;

  public Readiness(Pool pool, HealthStore store, Lifecycle lifecycle) {
    this.pool = pool;
    this.store = store;
    this.lifecycle = lifecycle;
  }

  /** Empty when ready: not draining, and the database answers. */
  public Future<Optional<NotReady>> check() {
    if (lifecycle.draining()) {
      return Future.succeededFuture(Optional.of(NotReady.DRAINING));
    }
    return store.ping(pool).map(up -> Optional.<NotReady>empty())
        .otherwise(Optional.of(NotReady.DATABASE_DOWN));
  }
}
