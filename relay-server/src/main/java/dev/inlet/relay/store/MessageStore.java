package dev.inlet.relay.store;

import dev.inlet.relay.id.LeaseRef;
import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The queue verbs over {@code messages}. A queue is named by its tenant and internal id; settle
 * verbs take the queue names the caller may consume ({@code queues}, or all when {@code admin}).
 */
public final class MessageStore {
  private final AttemptSink attempts;

  /** Queue verbs whose ended attempts are kept nowhere (the benchmark's reference of the statements alone). */
  public MessageStore() {
    this(AttemptSink.NONE);
  }

  public MessageStore(AttemptSink attempts) {
    this.attempts = attempts;
  }

  /** A leased (or taken) message with its event, exactly as the provider sent it. */
  public record LeasedRow(long id, String eventId, String endpointId, String endpointName, String method, int attempt, UUID leaseToken,
      OffsetDateTime leaseExpiresAt, OffsetDateTime enqueuedAt, OffsetDateTime receivedAt, String headersJson,
      String contentType, Buffer body, boolean replay, String traceparent, String tracestate) {}

  /** Delivered messages, and how many were dead-lettered instead (max attempts). */
  public record Leased(List<LeasedRow> rows, int deadLettered) {}

  /** A message as inspection lists it: no body, no lease token. */
  public record MessageRow(long id, String state, int attempt, OffsetDateTime visibleAt, OffsetDateTime enqueuedAt,
      String eventId, String lastError, OffsetDateTime deadAt) {}

  /** How a settle verb ended for one message. */
  public enum SettleOutcome {
    /** Done. */
    SETTLED,
    /** The lease token is not a live lease of the message: it expired (and may be someone else's now). */
    STALE_LEASE,
    /** No such message in a queue the caller may consume. */
    NOT_FOUND
  }

  /**
   * Who leases, for the attempt each lease records: the token's id (null when none) and how it asked,
   * {@code next}, {@code receive} or {@code stream}.
   */
  public record Leaser(String tokenId, String via) {}

  public Future<Leased> lease(SqlClient sql, TenantId tenant, long queueId, int maxAttempts, int max,
      int leaseSeconds, Leaser leaser) {
    Tuple params = Tuple.of(tenant.value(), queueId, leaseSeconds, maxAttempts, leaser.tokenId(), leaser.via());
    return attempts.ending(() -> (max == 1
        ? sql.preparedQuery(MessageSql.LEASE_ONE).execute(params)
        : sql.preparedQuery(MessageSql.LEASE_MANY).execute(params.addInteger(max)))
        .map(found -> toLeased(found, tenant, queueId, null)));
  }

  /** Delivers and deletes: at-most-once. */
  public Future<Leased> take(SqlClient sql, TenantId tenant, long queueId, int max, Leaser leaser) {
    Tuple params = Tuple.of(tenant.value(), queueId);
    return attempts.ending(() -> (max == 1
        ? sql.preparedQuery(MessageSql.TAKE_ONE).execute(params)
        : sql.preparedQuery(MessageSql.TAKE_MANY).execute(params.addInteger(max)))
        .map(found -> toLeased(found, tenant, queueId, leaser)));
  }

  public Future<Optional<OffsetDateTime>> nextVisibleAt(SqlClient sql, TenantId tenant, long queueId) {
    return sql.preparedQuery(MessageSql.NEXT_VISIBLE_AT).execute(Tuple.of(tenant.value(), queueId))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next().getOffsetDateTime("visible_at")));
  }

  /** Settle results carry the message's queue (id and name), so its waiters can be woken and meters labelled. */
  public record Settled(SettleOutcome outcome, long queueId, String queueName, OffsetDateTime leaseExpiresAt) {}

  public Future<Settled> ack(SqlClient sql, TenantId tenant, MessageId id, UUID lease, List<String> queues, boolean admin) {
    return settle(sql, MessageSql.ACK, match(tenant, id, lease, queues, admin), tenant, id, lease, queues, admin,
        "acked", null);
  }

  /** {@code delaySeconds} null: the default backoff by attempt, from {@code backoffBase} up to {@code backoffCap}. */
  public Future<Settled> nack(SqlClient sql, TenantId tenant, MessageId id, UUID lease, List<String> queues, boolean admin,
      Integer delaySeconds, String reason, double backoffBase, double backoffCap) {
    Tuple params = match(tenant, id, lease, queues, admin)
        .addValue(delaySeconds == null ? null : delaySeconds.doubleValue())
        .addString(reason).addDouble(backoffBase).addDouble(backoffCap);
    return settle(sql, MessageSql.NACK, params, tenant, id, lease, queues, admin, "nacked", reason);
  }

  public Future<Settled> reject(SqlClient sql, TenantId tenant, MessageId id, UUID lease, List<String> queues, boolean admin,
      String reason) {
    return settle(sql, MessageSql.REJECT, match(tenant, id, lease, queues, admin).addString(reason), tenant, id, lease,
        queues, admin, "rejected", reason);
  }

  public Future<Settled> extend(SqlClient sql, TenantId tenant, MessageId id, UUID lease, List<String> queues, boolean admin,
      int leaseSeconds) {
    return settle(sql, MessageSql.EXTEND, match(tenant, id, lease, queues, admin).addInteger(leaseSeconds), tenant, id,
        lease, queues, admin, null, null);
  }

  /** Acks several leases of one queue at once; the ones that were acked. */
  public Future<Set<LeaseRef>> ackMany(SqlClient sql, TenantId tenant, long queueId, List<LeaseRef> leases) {
    return attempts.ending(() -> sql.preparedQuery(MessageSql.ACK_MANY).execute(leaseParams(tenant, queueId, leases))
        .map(rows -> {
          Set<LeaseRef> acked = new HashSet<>();
          List<AttemptStore.NewAttempt> ended = new ArrayList<>(rows.size());
          for (Row row : rows) {
            acked.add(new LeaseRef(row.getLong("id"), row.getUUID("lease_token")));
            ended(row, tenant, row.getUUID("lease_token"), "acked", null, ended);
          }
          attempts.record(ended);
          return acked;
        }));
  }

  /** How many dead messages became ready; {@code ids} null means all of the queue's. */
  public Future<Integer> redrive(SqlClient sql, TenantId tenant, long queueId, List<Long> ids) {
    return sql.preparedQuery(MessageSql.REDRIVE)
        .execute(Tuple.of(tenant.value(), queueId, ids == null ? null : ids.toArray(new Long[0])))
        .map(RowSet::rowCount);
  }

  public Future<Integer> release(SqlClient sql, TenantId tenant, long queueId, List<LeaseRef> leases) {
    return attempts.ending(() -> sql.preparedQuery(MessageSql.RELEASE).execute(leaseParams(tenant, queueId, leases))
        .map(rows -> {
          List<AttemptStore.NewAttempt> ended = new ArrayList<>(rows.size());
          rows.forEach(row -> ended(row, tenant, row.getUUID("lease_token"), "released", null, ended));
          attempts.record(ended);
          return rows.rowCount();
        }));
  }

  public Future<Integer> unlease(SqlClient sql, TenantId tenant, long queueId, List<LeaseRef> leases) {
    return sql.preparedQuery(MessageSql.UNLEASE).execute(leaseParams(tenant, queueId, leases)).map(RowSet::rowCount);
  }

  public Future<List<Long>> stillLeased(SqlClient sql, TenantId tenant, long queueId, List<LeaseRef> leases) {
    return sql.preparedQuery(MessageSql.STILL_LEASED).execute(leaseParams(tenant, queueId, leases))
        .map(rows -> {
          List<Long> still = new ArrayList<>();
          rows.forEach(row -> still.add(row.getLong("id")));
          return still;
        });
  }

  /** $1 tenant, $2 queue, $3 ids, $4 lease tokens: the shape of every statement over a set of leases. */
  private static Tuple leaseParams(TenantId tenant, long queueId, List<LeaseRef> leases) {
    Long[] ids = leases.stream().map(LeaseRef::id).toArray(Long[]::new);
    UUID[] tokens = leases.stream().map(LeaseRef::lease).toArray(UUID[]::new);
    return Tuple.of(tenant.value(), queueId, ids, tokens);
  }

  public Future<List<MessageRow>> list(SqlClient sql, TenantId tenant, long queueId, String state, long afterId,
      int limit) {
    return sql.preparedQuery(MessageSql.LIST)
        .execute(Tuple.of(tenant.value(), queueId, state, afterId, limit))
        .map(rows -> {
          List<MessageRow> page = new ArrayList<>();
          rows.forEach(row -> page.add(new MessageRow(row.getLong("id"), row.getString("state"),
              row.getInteger("attempt"), row.getOffsetDateTime("visible_at"), row.getOffsetDateTime("enqueued_at"),
              row.getString("event_id"), row.getString("last_error"), row.getOffsetDateTime("dead_at"))));
          return page;
        });
  }

  public Future<Integer> purge(SqlClient sql, TenantId tenant, long queueId, String state) {
    return sql.preparedQuery(MessageSql.PURGE).execute(Tuple.of(tenant.value(), queueId, state))
        .map(RowSet::rowCount);
  }

  /** Holds housekeeping off while it runs, so no event it re-enqueues is deleted under it. */
  public Future<Integer> replay(Pool pool, TenantId tenant, long queueId, OffsetDateTime from, OffsetDateTime to, String endpointId,
      int max) {
    return pool.withTransaction(tx -> tx.query(HousekeepingSql.HOLD_OFF).execute()
        .compose(held -> tx.preparedQuery(MessageSql.REPLAY)
            .execute(Tuple.of(tenant.value(), queueId, from, to, endpointId, max)))
        .map(RowSet::rowCount));
  }

  private static Tuple match(TenantId tenant, MessageId id, UUID lease, List<String> queues, boolean admin) {
    return Tuple.of(tenant.value(), id.value(), lease, queues.toArray(new String[0]), admin);
  }

  /** A settle verb; {@code outcome} is what its attempt ended with (null: the lease goes on, as for extend). */
  private Future<Settled> settle(SqlClient sql, String statement, Tuple params, TenantId tenant, MessageId id,
      UUID lease, List<String> queues, boolean admin, String outcome, String reason) {
    Future<RowSet<Row>> executed = outcome == null ? sql.preparedQuery(statement).execute(params)
        : attempts.ending(() -> sql.preparedQuery(statement).execute(params).andThen(done -> {
          if (done.succeeded() && done.result().size() == 1) {
            List<AttemptStore.NewAttempt> ended = new ArrayList<>(1);
            ended(done.result().iterator().next(), tenant, lease, outcome, reason, ended);
            attempts.record(ended);
          }
        }));
    return executed.compose(rows -> {
      if (rows.size() == 1) {
        Row row = rows.iterator().next();
        OffsetDateTime expiry = row.getColumnIndex("visible_at") >= 0 ? row.getOffsetDateTime("visible_at") : null;
        return Future.succeededFuture(new Settled(SettleOutcome.SETTLED, row.getLong("queue_id"),
            row.getString("queue_name"), expiry));
      }
      return sql.preparedQuery(MessageSql.EXISTS)
          .execute(Tuple.of(tenant.value(), id.value(), queues.toArray(new String[0]), admin))
          .map(found -> new Settled(found.size() == 0 ? SettleOutcome.NOT_FOUND : SettleOutcome.STALE_LEASE, 0, null, null));
    });
  }

  /** The attempt a settled row ended (its columns: MessageSql's SETTLED), unless its lease predates V9. */
  private static void ended(Row row, TenantId tenant, UUID lease, String outcome, String reason,
      List<AttemptStore.NewAttempt> into) {
    String via = row.getString("leased_via");
    if (via == null) {
      return;
    }
    Double delay = row.getColumnIndex("delay_seconds") >= 0 ? row.getDouble("delay_seconds") : null;
    into.add(new AttemptStore.NewAttempt(tenant.value(), row.getLong("id"), lease, row.getLong("queue_id"),
        row.getString("event_id"), row.getOffsetDateTime("event_received_at"), row.getOffsetDateTime("enqueued_at"),
        row.getInteger("attempt"), row.getString("leased_by"), via, row.getInteger("lease_seconds"),
        row.getOffsetDateTime("leased_at"), outcome, reason, delay, row.getOffsetDateTime("settled_at")));
  }

  /**
   * The delivered rows of a lease or take, and the attempts it ended: a previous lease found run out
   * ({@code prior_*}), and for a take ({@code taker} set) the delivery itself, acked as it is made.
   */
  private Leased toLeased(RowSet<Row> rows, TenantId tenant, long queueId, Leaser taker) {
    List<LeasedRow> delivered = new ArrayList<>();
    List<AttemptStore.NewAttempt> ended = new ArrayList<>();
    int dead = 0;
    for (Row row : rows) {
      UUID prior = row.getUUID("prior_token");
      String priorVia = row.getString("prior_via");
      if (prior != null && priorVia != null) {
        ended.add(new AttemptStore.NewAttempt(tenant.value(), row.getLong("id"), prior, queueId,
            row.getString("event_id"), row.getOffsetDateTime("event_received_at"), row.getOffsetDateTime("enqueued_at"),
            row.getInteger("prior_attempt"), row.getString("prior_by"), priorVia, row.getInteger("prior_seconds"),
            row.getOffsetDateTime("prior_leased_at"), "expired", null, null, row.getOffsetDateTime("prior_ended_at")));
      }
      if ("dead".equals(row.getString("state"))) {
        dead++;
        continue;
      }
      if (taker != null) {
        OffsetDateTime now = row.getOffsetDateTime("lease_expires_at");
        ended.add(new AttemptStore.NewAttempt(tenant.value(), row.getLong("id"), UUID.randomUUID(), queueId,
            row.getString("event_id"), row.getOffsetDateTime("event_received_at"), row.getOffsetDateTime("enqueued_at"),
            row.getInteger("attempt"), taker.tokenId(), taker.via(), 0, now, "acked", null, null, now));
      }
      delivered.add(new LeasedRow(row.getLong("id"), row.getString("event_id"), row.getString("endpoint_id"),
          row.getString("endpoint_name"), row.getString("method"), row.getInteger("attempt"), row.getUUID("lease_token"),
          row.getOffsetDateTime("lease_expires_at"), row.getOffsetDateTime("enqueued_at"),
          row.getOffsetDateTime("received_at"), row.getString("headers"), row.getString("content_type"),
          row.getBuffer("body"), row.getBoolean("replay"), row.getString("traceparent"),
          row.getString("tracestate")));
    }
    if (!ended.isEmpty()) {
      attempts.record(ended);
    }
    return new Leased(delivered, dead);
  }
}
