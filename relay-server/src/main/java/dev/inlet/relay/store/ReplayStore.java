package dev.inlet.relay.store;

import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Replay jobs, and the messages replays and resends make. */
public final class ReplayStore {
  /** Jobs one claim looks at: enough that a few nodes claiming at once each still find one. */
  static final int CLAIM_CANDIDATES = 8;

  /** A replay job as stored; {@code total} is null until the job has started. */
  public record ReplayRow(String id, TenantId tenantId, long queueId, String queueName, String endpointId,
      String eventType, OffsetDateTime from, OffsetDateTime to, String state, Long total, long done, long skipped,
      OffsetDateTime cursorReceivedAt, String cursorEventId, String error, OffsetDateTime createdAt,
      OffsetDateTime startedAt, OffsetDateTime finishedAt) {}

  /** A stored event a replay or a resend may enqueue; {@code expiring}: too close to retention to use. */
  public record CandidateRow(String id, OffsetDateTime receivedAt, String endpointId, String headersJson, Buffer body,
      boolean expiring) {}

  /** A route: from an endpoint to a queue, with its filter's JSON (or null). */
  public record RouteRow(String endpointId, long queueId, String queueName, String filterJson) {}

  /** A message a resend made. */
  public record MadeRow(long messageId, long queueId) {}

  public Future<ReplayRow> insert(SqlClient sql, TenantId tenant, String id, long queueId, String endpointId,
      String eventType, OffsetDateTime from, OffsetDateTime to) {
    return sql.preparedQuery(ReplaySql.INSERT)
        .execute(Tuple.of(tenant.value(), id, queueId, endpointId, eventType, from, to))
        .map(rows -> toJob(rows.iterator().next()));
  }

  public Future<Optional<ReplayRow>> find(SqlClient sql, TenantId tenant, String id) {
    return sql.preparedQuery(ReplaySql.FIND).execute(Tuple.of(tenant.value(), id)).map(ReplayStore::first);
  }

  public Future<Boolean> endpointExists(SqlClient sql, TenantId tenant, String endpointId) {
    return sql.preparedQuery(ReplaySql.ENDPOINT_EXISTS).execute(Tuple.of(tenant.value(), endpointId))
        .map(rows -> rows.size() == 1);
  }

  /** Whether {@code cursorId} is a job of the queue: only those are cursors of its list. */
  public Future<Boolean> isJobOf(SqlClient sql, TenantId tenant, long queueId, String cursorId) {
    return sql.preparedQuery(ReplaySql.CURSOR_EXISTS).execute(Tuple.of(tenant.value(), queueId, cursorId))
        .map(rows -> rows.size() == 1);
  }

  public Future<List<ReplayRow>> list(SqlClient sql, TenantId tenant, long queueId, String afterId, int limit) {
    return sql.preparedQuery(ReplaySql.LIST).execute(Tuple.of(tenant.value(), queueId, afterId, limit))
        .map(rows -> all(rows, ReplayStore::toJob));
  }

  /** Empty when there is no such job or it has already ended. */
  public Future<Optional<ReplayRow>> cancel(SqlClient sql, TenantId tenant, String id) {
    return sql.preparedQuery(ReplaySql.CANCEL).execute(Tuple.of(tenant.value(), id)).map(ReplayStore::first);
  }

  /**
   * The oldest job nobody runs, now leased to {@code owner}; empty when there is none. Candidates are
   * read without a lock and taken one at a time, each in its tenant's own statement; one another node
   * took meanwhile is passed over.
   */
  public Future<Optional<ReplayRow>> claim(SqlClient sql, UUID owner, int leaseSeconds) {
    return sql.preparedQuery(ReplaySql.CLAIMABLE).execute(Tuple.of(CLAIM_CANDIDATES)).compose(rows -> {
      List<Tuple> candidates = all(rows, row -> Tuple.of(row.getString("tenant_id"), row.getString("id"), owner,
          leaseSeconds));
      return claimFirst(sql, candidates, 0);
    });
  }

  private Future<Optional<ReplayRow>> claimFirst(SqlClient sql, List<Tuple> candidates, int next) {
    if (next == candidates.size()) {
      return Future.succeededFuture(Optional.empty());
    }
    return sql.preparedQuery(ReplaySql.CLAIM).execute(candidates.get(next)).map(ReplayStore::first)
        .compose(claimed -> claimed.isPresent() ? Future.succeededFuture(claimed)
            : claimFirst(sql, candidates, next + 1));
  }

  public Future<Optional<ReplayRow>> lockRunning(SqlClient sql, TenantId tenant, String id, UUID owner) {
    return sql.preparedQuery(ReplaySql.LOCK_RUNNING).execute(Tuple.of(tenant.value(), id, owner))
        .map(ReplayStore::first);
  }

  public Future<Long> countAndSetTotal(SqlClient sql, ReplayRow job) {
    return sql.preparedQuery(ReplaySql.COUNT).execute(window(job))
        .map(rows -> rows.iterator().next().getLong("total"))
        .compose(total -> sql.preparedQuery(ReplaySql.SET_TOTAL)
            .execute(Tuple.of(job.tenantId().value(), job.id(), total)).map(total));
  }

  public Future<List<CandidateRow>> nextEvents(SqlClient sql, ReplayRow job, int limit, long maxBytes,
      int retentionMarginSeconds) {
    OffsetDateTime after = job.cursorReceivedAt() == null ? job.from() : job.cursorReceivedAt();
    String afterId = job.cursorEventId() == null ? "" : job.cursorEventId();
    Tuple params = window(job).addValue(after).addValue(afterId).addValue(limit).addValue(maxBytes)
        .addValue(retentionMarginSeconds);
    return sql.preparedQuery(ReplaySql.NEXT_EVENTS).execute(params).map(rows -> all(rows, ReplayStore::toCandidate));
  }

  public Future<List<RouteRow>> routesTo(SqlClient sql, TenantId tenant, long queueId) {
    return sql.preparedQuery(ReplaySql.ROUTES_TO_QUEUE).execute(Tuple.of(tenant.value(), queueId))
        .map(rows -> all(rows, row -> new RouteRow(row.getString("endpoint_id"), queueId, null,
            row.getString("filter"))));
  }

  /** How many messages were made (events still waiting in the queue are left out). */
  public Future<Integer> enqueueMissing(SqlClient sql, TenantId tenant, long queueId, List<String> eventIds,
      List<OffsetDateTime> receivedAt) {
    return sql.preparedQuery(ReplaySql.ENQUEUE_MISSING)
        .execute(Tuple.of(tenant.value(), queueId, eventIds.toArray(new String[0]),
            receivedAt.toArray(new OffsetDateTime[0])))
        .map(rows -> rows.iterator().next().getLong("made").intValue());
  }

  public Future<Void> advance(SqlClient sql, TenantId tenant, String id, OffsetDateTime cursorAt, String cursorId,
      int done, int skipped, int leaseSeconds, boolean finished) {
    return sql.preparedQuery(ReplaySql.ADVANCE)
        .execute(Tuple.of(tenant.value(), id, cursorAt, cursorId, done, skipped, leaseSeconds, finished)).mapEmpty();
  }

  public Future<Void> backOff(SqlClient sql, TenantId tenant, String id, UUID owner, int seconds, String error) {
    return sql.preparedQuery(ReplaySql.BACK_OFF).execute(Tuple.of(tenant.value(), id, owner, seconds, error))
        .mapEmpty();
  }

  public Future<Void> fail(SqlClient sql, TenantId tenant, String id, UUID owner, String error) {
    return sql.preparedQuery(ReplaySql.FAIL).execute(Tuple.of(tenant.value(), id, owner, error)).mapEmpty();
  }

  public Future<Optional<CandidateRow>> resendEvent(SqlClient sql, TenantId tenant, String eventId,
      int retentionMarginSeconds) {
    return sql.preparedQuery(ReplaySql.RESEND_EVENT)
        .execute(Tuple.of(tenant.value(), eventId, retentionMarginSeconds))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toCandidate(rows.iterator().next())));
  }

  public Future<List<RouteRow>> routesFrom(SqlClient sql, TenantId tenant, String endpointId) {
    return sql.preparedQuery(ReplaySql.ROUTES_FROM_ENDPOINT).execute(Tuple.of(tenant.value(), endpointId))
        .map(rows -> all(rows, row -> new RouteRow(endpointId, row.getLong("queue_id"), row.getString("queue_name"),
            row.getString("filter"))));
  }

  public Future<List<MadeRow>> resend(SqlClient sql, TenantId tenant, String eventId, OffsetDateTime receivedAt,
      List<Long> queueIds) {
    return sql.preparedQuery(ReplaySql.RESEND)
        .execute(Tuple.of(tenant.value(), eventId, receivedAt, queueIds.toArray(new Long[0])))
        .map(rows -> all(rows, row -> new MadeRow(row.getLong("id"), row.getLong("queue_id"))));
  }

  private static Tuple window(ReplayRow job) {
    return Tuple.of(job.tenantId().value(), job.queueId(), job.from(), job.to(), job.eventType(), job.endpointId());
  }

  private static Optional<ReplayRow> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next()));
  }

  private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(map.apply(row)));
    return list;
  }

  private static CandidateRow toCandidate(Row row) {
    return new CandidateRow(row.getString("id"), row.getOffsetDateTime("received_at"), row.getString("endpoint_id"),
        row.getString("headers"), row.getBuffer("body"), row.getBoolean("expiring"));
  }

  private static ReplayRow toJob(Row row) {
    return new ReplayRow(row.getString("id"), new TenantId(row.getString("tenant_id")), row.getLong("queue_id"),
        row.getString("queue_name"), row.getString("endpoint_id"), row.getString("event_type"),
        row.getOffsetDateTime("window_from"), row.getOffsetDateTime("window_to"), row.getString("state"),
        row.getLong("total"), row.getLong("done"), row.getLong("skipped"), row.getOffsetDateTime("cursor_received_at"),
        row.getString("cursor_event_id"), row.getString("error"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("started_at"), row.getOffsetDateTime("finished_at"));
  }
}
