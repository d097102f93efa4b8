package dev.inlet.relay.replay;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.queue.QueueSignals;
import dev.inlet.relay.store.ReplayStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs replay jobs on this node: claims a job nobody runs (a conditional update of that one job,
 * which only one node can win; a lease of {@link #LEASE_SECONDS}), then works through its window one
 * batch (one transaction) at a time, renewing the lease with each. A node that dies leaves its lease
 * to lapse and another node resumes the job from its cursor. No advisory lock is taken: events near
 * their retention are skipped instead, so housekeeping never waits for a replay.
 */
public final class ReplayWorker {
  static final int LEASE_SECONDS = 30;
  /** Jobs one node runs at once; more wait (or run on other nodes). */
  static final int MAX_JOBS_PER_NODE = 2;
  /** Bodies one batch reads at most (the first event always). */
  static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;
  /**
   * Events this close to their tenant's retention may be deleted by housekeeping while a batch
   * runs; they are skipped (counted in {@code skipped}) so no message points at a deleted event.
   */
  static final int RETENTION_MARGIN_SECONDS = 600;
  /** Failed batches in a row, on one node, before a job is marked failed. */
  static final int MAX_FAILURES = 5;
  private static final int BACK_OFF_SECONDS = 5;
  private static final Logger log = LoggerFactory.getLogger(ReplayWorker.class);

  private final Vertx vertx;
  private final Pool pool;
  private final ReplayStore store;
  private final QueueSignals signals;
  private final int batchSize;
  private final UUID owner = UUID.randomUUID();
  private final AtomicInteger running = new AtomicInteger();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final long timer;
  private volatile boolean stopped;

  /** Events per batch; how often the node looks for jobs nobody runs (new ones here are started at once). */
  public record Settings(int batchSize, long pollMillis) {}

  public ReplayWorker(Vertx vertx, Pool pool, ReplayStore store, QueueSignals signals, Settings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.signals = signals;
    this.batchSize = settings.batchSize();
    this.timer = vertx.setPeriodic(settings.pollMillis(), id -> wake());
  }

  /** Looks for a job to run now (a new job, or the periodic tick). */
  public void wake() {
    if (stopped || running.incrementAndGet() > MAX_JOBS_PER_NODE) {
      running.decrementAndGet();
      return;
    }
    store.claim(pool, owner, LEASE_SECONDS).onComplete(claimed -> {
      if (claimed.failed() || claimed.result().isEmpty()) {
        running.decrementAndGet();
        if (claimed.failed()) {
          log.warn("Could not look for replay jobs: {}", claimed.cause().toString());
        }
        return;
      }
      ReplayStore.ReplayRow job = claimed.result().get();
      log.info("Replay {} into queue {} of {}: running", job.id(), job.queueName(), job.tenantId().value());
      run(job).onComplete(done -> {
        running.decrementAndGet();
        wake();
      });
      wake();
    });
  }

  private Future<Void> run(ReplayStore.ReplayRow job) {
    Future<Long> total = job.total() != null ? Future.succeededFuture(job.total())
        : store.countAndSetTotal(pool, job);
    return total.compose(t -> batches(job.tenantId(), job.id())).recover(failure -> {
      log.warn("Replay {} could not start: {}", job.id(), failure.toString());
      return store.backOff(pool, job.tenantId(), job.id(), owner, BACK_OFF_SECONDS, failure.getMessage()).recover(f -> Future.succeededFuture());
    });
  }

  /**
   * Batch after batch until the job ends, is cancelled or taken over, or this node stops. A failed
   * batch backs off: the lease lapses shortly and the job is claimed again (here or elsewhere).
   */
  private Future<Void> batches(TenantId tenant, String id) {
    if (stopped) {
      return Future.succeededFuture();
    }
    return batch(tenant, id).transform(result -> {
      if (result.succeeded()) {
        failures.remove(id);
        Batch batch = result.result();
        if (batch.made() > 0) {
          signals.signal(batch.queueId());
        }
        if (!batch.more()) {
          return Future.<Void>succeededFuture();
        }
        // Between batches the event loop and the pool serve others.
        return Future.<Void>future(promise -> vertx.runOnContext(v -> promise.complete()))
            .compose(v -> batches(tenant, id));
      }
      String why = String.valueOf(result.cause().getMessage());
      int failed = failures.merge(id, 1, Integer::sum);
      if (failed >= MAX_FAILURES) {
        failures.remove(id);
        log.warn("Replay {} failed {} times in a row, giving up: {}", id, failed, why);
        return store.fail(pool, tenant, id, owner, why);
      }
      log.warn("Replay {} batch failed (will retry): {}", id, why);
      return store.backOff(pool, tenant, id, owner, BACK_OFF_SECONDS, why);
    });
  }

  private record Batch(boolean more, int made, long queueId) {}

  /** One transaction: the job (still ours, still running), its next events, their messages, its progress. */
  private Future<Batch> batch(TenantId tenant, String id) {
    return pool.withTransaction(tx -> store.lockRunning(tx, tenant, id, owner).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new Batch(false, 0, 0));
      }
      ReplayStore.ReplayRow job = found.get();
      return store.routesTo(tx, job.tenantId(), job.queueId()).compose(routes ->
          store.nextEvents(tx, job, batchSize, MAX_BATCH_BYTES, RETENTION_MARGIN_SECONDS).compose(events -> {
            if (events.isEmpty()) {
              log.info("Replay {}: done", id);
              return store.advance(tx, tenant, id, null, null, 0, 0, LEASE_SECONDS, true)
                  .map(new Batch(false, 0, job.queueId()));
            }
            Map<String, String> filters = new HashMap<>();
            routes.forEach(route -> filters.put(route.endpointId(), route.filterJson()));
            List<String> ids = new ArrayList<>();
            List<OffsetDateTime> at = new ArrayList<>();
            for (ReplayStore.CandidateRow event : events) {
              if (admits(job, filters, event)) {
                ids.add(event.id());
                at.add(event.receivedAt());
              }
            }
            ReplayStore.CandidateRow last = events.get(events.size() - 1);
            Future<Integer> made = ids.isEmpty() ? Future.succeededFuture(0)
                : store.enqueueMissing(tx, job.tenantId(), job.queueId(), ids, at);
            return made.compose(n -> store.advance(tx, tenant, id, last.receivedAt(), last.id(), n, events.size() - n,
                LEASE_SECONDS, false).map(new Batch(true, n, job.queueId())));
          }));
    }));
  }

  /**
   * An event near its retention never; otherwise the filter of its endpoint's route to the queue
   * now. An endpoint named by the job needs no route; without one, the route must still be there.
   */
  private static boolean admits(ReplayStore.ReplayRow job, Map<String, String> filters,
      ReplayStore.CandidateRow event) {
    if (event.expiring()) {
      return false;
    }
    if (!filters.containsKey(event.endpointId())) {
      return job.endpointId() != null;
    }
    return StoredEventFilter.admits(filters.get(event.endpointId()), event);
  }

  /** Stops looking for and running jobs; a batch in flight commits or not, and the lease lapses. */
  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }
}
