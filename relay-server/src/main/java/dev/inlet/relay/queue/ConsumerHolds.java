package dev.inlet.relay.queue;

import dev.inlet.relay.store.HoldStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@link ConsumerCaps} hold across nodes: every {@link #SYNC_MILLIS} this node writes the
 * streams and long polls it holds open (one statement, under a random node id) and hands the other
 * nodes' counts to the caps. If the database does not answer for {@link #STALE_MILLIS}, the caps
 * count this node's holds only, as before.
 */
public final class ConsumerHolds {
  static final long SYNC_MILLIS = 1_000;
  static final long STALE_MILLIS = 5_000;
  static final int SWEEP_EVERY = 30;
  private static final Logger log = LoggerFactory.getLogger(ConsumerHolds.class);

  private final Vertx vertx;
  private final Pool pool;
  private final HoldStore store;
  private final ConsumerCaps caps;
  private final String nodeId = UUID.randomUUID().toString();
  private final AtomicBoolean syncing = new AtomicBoolean();
  private final long timer;
  private long syncs;
  private long lastSyncedNanos = System.nanoTime();

  public ConsumerHolds(Vertx vertx, Pool pool, HoldStore store, ConsumerCaps caps) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.caps = caps;
    this.timer = vertx.setPeriodic(SYNC_MILLIS, id -> sync());
  }

  private void sync() {
    if (!syncing.compareAndSet(false, true)) {
      return;
    }
    if (++syncs % SWEEP_EVERY == 0) {
      store.sweep(pool).onFailure(cause -> log.debug("Could not sweep stale consumer holds: {}", cause.toString()));
    }
    store.sync(pool, nodeId, caps.held()).onComplete(done -> {
      syncing.set(false);
      if (done.succeeded()) {
        lastSyncedNanos = System.nanoTime();
        caps.heldElsewhere(done.result());
      } else if (System.nanoTime() - lastSyncedNanos > STALE_MILLIS * 1_000_000) {
        caps.heldElsewhere(List.of());
        log.debug("Could not share this node's open streams and long polls: {}", done.cause().toString());
      }
    });
  }

  /** Stops reporting and withdraws this node's holds (else they would count for {@link #STALE_MILLIS}). */
  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return store.sync(pool, nodeId, List.of()).<Void>mapEmpty().otherwiseEmpty();
  }
}
