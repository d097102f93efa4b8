package dev.inlet.relay.ingest;

import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.queue.QueueSignals;
import dev.inlet.relay.store.IngestStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches concurrent inbound events into one statement: a batch is flushed when it holds
 * {@code maxBatch} events (or {@code maxBatchBytes}), or {@code delayMillis} after its first event,
 * with at most {@code maxInFlight} batches committing at once. Each request is answered only after
 * its batch committed. Confined to one event loop: create one per HTTP verticle.
 */
public final class GroupCommitter {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

  /** Batching settings; {@code maxBatch = 1} switches group commit off. */
  public record Settings(int maxBatch, int maxBatchBytes, long delayMillis, int maxInFlight) {}

  private record Pending(InboundEvent event, Promise<IngestResult> promise) {}

  private final Vertx vertx;
  private final Pool pool;
  private final IngestStore store;
  private final QueueSignals signals;
  private final IngestMetrics metrics;
  private final Settings settings;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private int pendingBytes;
  private long timer = -1;
  private int inFlight;

  public GroupCommitter(Vertx vertx, Pool pool, IngestStore store, QueueSignals signals, IngestMetrics metrics,
      Settings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.signals = signals;
    this.metrics = metrics;
    this.settings = settings;
  }

  public Future<IngestResult> submit(InboundEvent event) {
    // Answered on the request's own context, whichever request's callback completes the batch: its
    // log lines (request id) and its response belong to it.
    ContextInternal context = ContextInternal.current();
    Promise<IngestResult> promise = context == null ? Promise.promise() : context.promise();
    pending.add(new Pending(event, promise));
    pendingBytes += event.weightBytes();
    if (pending.size() >= settings.maxBatch() || pendingBytes >= settings.maxBatchBytes()) {
      flush();
    } else if (timer < 0) {
      timer = vertx.setTimer(Math.max(1, settings.delayMillis()), id -> {
        timer = -1;
        flush();
      });
    }
    return promise.future();
  }

  private void flush() {
    while (!pending.isEmpty() && inFlight < settings.maxInFlight()) {
      List<Pending> batch = new ArrayList<>();
      int bytes = 0;
      while (!pending.isEmpty() && batch.size() < settings.maxBatch()
          && (batch.isEmpty() || bytes + pending.peek().event().weightBytes() <= settings.maxBatchBytes())) {
        Pending next = pending.poll();
        bytes += next.event().weightBytes();
        batch.add(next);
      }
      pendingBytes -= bytes;
      inFlight++;
      commit(batch, true).onComplete(done -> {
        inFlight--;
        // Whatever queued up while every slot was busy has waited long enough.
        if (!pending.isEmpty()) {
          flush();
        }
      });
    }
    if (pending.isEmpty() && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Commits one batch; a statement error splits it so that one bad event fails alone. */
  private Future<Void> commit(List<Pending> batch, boolean splitOnError) {
    // Two copies of one event in a batch: the first goes to the database, the others share its answer.
    Map<String, List<Pending>> byKey = new LinkedHashMap<>();
    for (Pending p : batch) {
      byKey.computeIfAbsent(p.event().claimKey(), k -> new ArrayList<>()).add(p);
    }
    List<Pending> leaders = new ArrayList<>();
    byKey.values().forEach(group -> leaders.add(group.get(0)));
    // One lock order for every batch: concurrent batches on one dedupe key cannot deadlock.
    leaders.sort(Comparator.comparing((Pending p) -> p.event().endpoint().id().value())
        .thenComparing(p -> p.event().dedupeKey()));
    metrics.batch(leaders.size());
    List<IngestStore.NewEvent> events = new ArrayList<>(leaders.size());
    leaders.forEach(p -> events.add(p.event().toRow()));
    return store.commitBatch(pool, events).transform(outcome -> {
      if (outcome.succeeded()) {
        List<IngestStore.Committed> results = outcome.result();
        for (int i = 0; i < leaders.size(); i++) {
          Pending leader = leaders.get(i);
          IngestResult result = new IngestResult(results.get(i).eventId(), results.get(i).duplicate());
          if (!result.duplicate()) {
            leader.event().queueIds().stream().distinct().forEach(signals::enqueued);
          }
          List<Pending> group = byKey.get(leader.event().claimKey());
          leader.promise().complete(result);
          for (int j = 1; j < group.size(); j++) {
            group.get(j).promise().complete(new IngestResult(result.eventId(), true, false));
          }
        }
        return Future.succeededFuture();
      }
      Throwable error = outcome.cause();
      if (splitOnError && batch.size() > 1 && error instanceof PgException) {
        log.warn("Batch of {} failed ({}); committing its events one by one", batch.size(), error.getMessage());
        List<Future<Void>> singles = new ArrayList<>();
        batch.forEach(p -> singles.add(commit(List.of(p), false)));
        return Future.join(singles).mapEmpty();
      }
      log.warn("Could not commit {} inbound event(s): {}", batch.size(), error.toString());
      InletProblem unavailable = new InletProblem(ProblemType.UNAVAILABLE,
          "the event could not be stored; retry later", List.of(), Map.of("Retry-After", "5"));
      batch.forEach(p -> p.promise().tryFail(unavailable));
      return Future.succeededFuture();
    });
  }
}
