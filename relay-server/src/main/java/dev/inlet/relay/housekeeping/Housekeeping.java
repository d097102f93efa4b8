package dev.inlet.relay.housekeeping;

import dev.inlet.relay.store.HousekeepingStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code intervalMillis}, on one node at a time (an advisory lock), makes the day partitions
 * of events {@link #DAYS_AHEAD} days ahead and drops those past every tenant's retention that no
 * message needs, then removes expired dedupe keys, dead messages past their queue's retention,
 * events past their tenant's retention that no message needs any more, and request log rows past
 * the log's retention. A run that hits its row cap runs again at once, so a backlog drains in
 * bounded steps.
 */
public final class Housekeeping {
  static final int MAX_ROWS_PER_RUN = 5_000;
  /**
   * Days of event partitions made ahead of today: ingest never needs a day that is not there
   * unless housekeeping stopped for that long (its events then go to the default partition).
   */
  static final int DAYS_AHEAD = 3;
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final Vertx vertx;
  private final Pool pool;
  private final HousekeepingStore store;
  private final long timer;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Counter dedupeKeys;
  private final Counter deadMessages;
  private final Counter events;
  private final Counter requests;
  private final Counter eventDays;

  public Housekeeping(Vertx vertx, Pool pool, HousekeepingStore store, long intervalMillis, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.dedupeKeys = removed(registry, "dedupe_keys");
    this.deadMessages = removed(registry, "dead_messages");
    this.events = removed(registry, "events");
    this.requests = removed(registry, "request_log");
    this.eventDays = removed(registry, "event_days");
    this.timer = vertx.setPeriodic(intervalMillis, id -> runNow());
  }

  /** One run (more if rows are left); the total it removed. */
  public Future<HousekeepingStore.Purged> runNow() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(new HousekeepingStore.Purged(false, 0, 0, 0));
    }
    return partitions().compose(v -> drain(new HousekeepingStore.Purged(false, 0, 0, 0))).onComplete(done -> {
      running.set(false);
      if (done.failed()) {
        log.warn("Housekeeping failed: {}", done.cause().toString());
      } else {
        HousekeepingStore.Purged purged = done.result();
        dedupeKeys.increment(purged.dedupeKeys());
        deadMessages.increment(purged.deadMessages());
        events.increment(purged.events());
        requests.increment(purged.requests());
        if (purged.dedupeKeys() + purged.deadMessages() + purged.events() > 0) {
          log.info("Housekeeping removed {} expired dedupe key(s), {} dead message(s) and {} event(s) past retention",
              purged.dedupeKeys(), purged.deadMessages(), purged.events());
        }
      }
    });
  }

  /** Days first, so rows of a day about to be dropped are not deleted one by one; never fails the run. */
  private Future<Void> partitions() {
    return store.partitions(pool, DAYS_AHEAD).map(days -> {
      eventDays.increment(days.dropped().size());
      if (!days.dropped().isEmpty()) {
        log.info("Housekeeping dropped the event partitions {} (past every tenant's retention)", days.dropped());
      }
      return (Void) null;
    }).recover(failure -> {
      log.warn("Housekeeping could not make or drop event partitions (next run tries again): {}", failure.toString());
      return Future.succeededFuture();
    });
  }

  private Future<HousekeepingStore.Purged> drain(HousekeepingStore.Purged sofar) {
    return store.purge(pool, MAX_ROWS_PER_RUN).compose(purged -> {
      HousekeepingStore.Purged total = new HousekeepingStore.Purged(sofar.ran() || purged.ran(),
          sofar.dedupeKeys() + purged.dedupeKeys(), sofar.deadMessages() + purged.deadMessages(),
          sofar.events() + purged.events(), sofar.requests() + purged.requests());
      boolean more = purged.dedupeKeys() == MAX_ROWS_PER_RUN || purged.deadMessages() == MAX_ROWS_PER_RUN
          || purged.events() == MAX_ROWS_PER_RUN || purged.requests() == MAX_ROWS_PER_RUN;
      return more ? drain(total) : Future.succeededFuture(total);
    });
  }

  private static Counter removed(MeterRegistry registry, String what) {
    return Counter.builder("inlet.housekeeping.removed").tag("what", what)
        .description("What housekeeping deleted: expired dedupe keys, dead messages, events past retention,"
            + " request log rows; event_days: whole day partitions of events")
        .register(registry);
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }
}
