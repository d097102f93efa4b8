package dev.inlet.relay.replay;

import dev.inlet.relay.id.EventId;
import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.id.ReplayId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.queue.QueueSignals;
import dev.inlet.relay.store.QueueStore;
import dev.inlet.relay.store.ReplayStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Replay jobs (create, read, list, cancel) and the resend of one event. */
public final class ReplayService {
  /** The widest window a replay may ask for. */
  public static final Duration MAX_WINDOW = Duration.ofDays(400);
  public static final int MAX_TYPE_LENGTH = 200;

  private final Pool pool;
  private final ReplayStore replays;
  private final QueueStore queues;
  private final QueueSignals signals;
  private final Runnable jobCreated;

  /** {@code jobCreated}: this node's worker looks for work at once rather than at its next tick. */
  public ReplayService(Pool pool, ReplayStore replays, QueueStore queues, QueueSignals signals, Runnable jobCreated) {
    this.pool = pool;
    this.replays = replays;
    this.queues = queues;
    this.signals = signals;
    this.jobCreated = jobCreated;
  }

  public Future<Replay> create(TenantId tenant, String queueName, OffsetDateTime from, OffsetDateTime to,
      String endpointId, String type) {
    if (!from.isBefore(to)) {
      return Future.failedFuture(InletProblem.invalid("/to", "must be after from"));
    }
    if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      return Future.failedFuture(InletProblem.invalid("/to", "a replay window is at most 400 days"));
    }
    if (type != null && type.length() > MAX_TYPE_LENGTH) {
      return Future.failedFuture(InletProblem.invalid("/type", "at most 200 characters"));
    }
    return queue(tenant, queueName)
        .compose(queue -> endpointId == null ? Future.succeededFuture(queue)
            : replays.endpointExists(pool, tenant, endpointId).compose(exists -> exists ? Future.succeededFuture(queue)
                : Future.failedFuture(new InletProblem(ProblemType.UNPROCESSABLE,
                    "no endpoint '" + endpointId + "'"))))
        .compose(queue -> replays.insert(pool, tenant, ReplayId.random().value(), queue.id(), endpointId, type, from, to))
        .map(Replay::from)
        .onSuccess(job -> jobCreated.run());
  }

  public Future<Replay> get(TenantId tenant, String id) {
    return found(ReplayId.parse(id).isEmpty() ? Future.succeededFuture(Optional.empty())
        : replays.find(pool, tenant, id), id);
  }

  /** Newest first, after the job {@code afterId} ("" from the start); a cursor that is no job of the queue is refused. */
  public Future<List<Replay>> list(TenantId tenant, String queueName, String afterId, int limit) {
    return queue(tenant, queueName).compose(queue -> {
      Future<Boolean> cursorOk = afterId.isEmpty() ? Future.succeededFuture(true)
          : replays.isJobOf(pool, tenant, queue.id(), afterId);
      return cursorOk.compose(ok -> {
        if (!ok) {
          return Future.failedFuture(InletProblem.invalid("?cursor", "not a cursor this API handed out"));
        }
        return replays.list(pool, tenant, queue.id(), afterId.isEmpty() ? null : afterId, limit);
      });
    }).map(rows -> rows.stream().map(Replay::from).toList());
  }

  /** A queued or running job stops before its next batch; one that has ended is a conflict. */
  public Future<Replay> cancel(TenantId tenant, String id) {
    return get(tenant, id).compose(job -> replays.cancel(pool, tenant, id).compose(cancelled -> cancelled
        .map(row -> Future.succeededFuture(Replay.from(row)))
        .orElseGet(() -> Future.failedFuture(InletProblem.conflict("replay " + id + " has already ended ("
            + job.state() + ")")))));
  }

  /**
   * One stored event as a new message (a replay): into {@code queueName} if given (routed there or
   * not), else into every queue its endpoint routes to now whose filter admits it.
   */
  public Future<List<Resent>> resend(TenantId tenant, String eventId, String queueName) {
    if (EventId.parse(eventId).isEmpty()) {
      return Future.failedFuture(InletProblem.notFound("no event " + eventId));
    }
    return replays.resendEvent(pool, tenant, eventId, ReplayWorker.RETENTION_MARGIN_SECONDS).compose(found -> {
      ReplayStore.CandidateRow event = found.orElseThrow(() -> InletProblem.notFound("no event " + eventId));
      if (event.expiring()) {
        throw InletProblem.conflict("event " + eventId + " has reached its retention and is being removed");
      }
      Future<Map<Long, String>> targets = queueName != null
          ? queue(tenant, queueName).map(queue -> Map.of(queue.id(), queue.name()))
          : replays.routesFrom(pool, tenant, event.endpointId()).map(routes -> routes.stream()
              .filter(route -> StoredEventFilter.admits(route.filterJson(), event))
              .collect(Collectors.toMap(ReplayStore.RouteRow::queueId, ReplayStore.RouteRow::queueName)));
      return targets.compose(queuesById -> queuesById.isEmpty() ? Future.succeededFuture(List.<Resent>of())
          : replays.resend(pool, tenant, event.id(), event.receivedAt(), List.copyOf(queuesById.keySet()))
              .map(made -> made.stream().map(row -> {
                signals.signal(row.queueId());
                return new Resent(queuesById.get(row.queueId()), new MessageId(row.messageId()));
              }).toList()));
    });
  }

  private Future<QueueStore.QueueRow> queue(TenantId tenant, String name) {
    return queues.find(pool, tenant, name).map(found -> found.orElseThrow(
        () -> InletProblem.notFound("no queue named '" + name + "'")));
  }

  private static Future<Replay> found(Future<Optional<ReplayStore.ReplayRow>> lookup, String id) {
    return lookup.map(row -> row.map(Replay::from).orElseThrow(() -> InletProblem.notFound("no replay " + id)));
  }
}
