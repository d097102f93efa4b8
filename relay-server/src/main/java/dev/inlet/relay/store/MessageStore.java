package dev.inlet.relay.store;

import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.queue.QueueAccess;
import dev.inlet.relay.queue.Delivery;
import dev.inlet.relay.queue.LeaseRef;
import dev.inlet.relay.queue.MessageSummary;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.Settlement;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The queue verbs over {@code messages}. */
public final class MessageStore {

  /** Delivered messages, and how many were dead-lettered instead (max attempts). */
  public record Leased(List<Delivery> deliveries, int deadLettered) {}

  public Future<Leased> lease(SqlClient sql, Queue queue, int max, int leaseSeconds) {
    Future<RowSet<Row>> rows = max == 1
        ? sql.preparedQuery(MessageSql.LEASE_ONE)
            .execute(Tuple.of(queue.tenantId().value(), queue.id(), leaseSeconds, queue.maxAttempts()))
        : sql.preparedQuery(MessageSql.LEASE_MANY)
            .execute(Tuple.of(queue.tenantId().value(), queue.id(), leaseSeconds, queue.maxAttempts(), max));
    return rows.map(leased -> toLeased(leased, queue.id()));
  }

  /** Delivers and deletes: at-most-once. */
  public Future<Leased> take(SqlClient sql, Queue queue, int max) {
    Future<RowSet<Row>> rows = max == 1
        ? sql.preparedQuery(MessageSql.TAKE_ONE).execute(Tuple.of(queue.tenantId().value(), queue.id()))
        : sql.preparedQuery(MessageSql.TAKE_MANY).execute(Tuple.of(queue.tenantId().value(), queue.id(), max));
    return rows.map(taken -> toLeased(taken, queue.id()));
  }

  public Future<Optional<OffsetDateTime>> nextVisibleAt(SqlClient sql, Queue queue) {
    return sql.preparedQuery(MessageSql.NEXT_VISIBLE_AT).execute(Tuple.of(queue.id()))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next().getOffsetDateTime("visible_at")));
  }

  /** Settle results carry the message's queue id, so its waiters can be woken. */
  public record Settled(Settlement outcome, long queueId, OffsetDateTime leaseExpiresAt) {}

  public Future<Settled> ack(SqlClient sql, TenantId tenant, MessageId id, UUID lease, QueueAccess access) {
    return settle(sql, MessageSql.ACK, match(tenant, id, lease, access), tenant, id, access);
  }

  /** {@code delaySeconds} null: the default backoff by attempt, from {@code backoffBase} up to {@code backoffCap}. */
  public Future<Settled> nack(SqlClient sql, TenantId tenant, MessageId id, UUID lease, QueueAccess access,
      Integer delaySeconds, String reason, double backoffBase, double backoffCap) {
    Tuple params = match(tenant, id, lease, access)
        .addValue(delaySeconds == null ? null : delaySeconds.doubleValue())
        .addString(reason).addDouble(backoffBase).addDouble(backoffCap);
    return settle(sql, MessageSql.NACK, params, tenant, id, access);
  }

  public Future<Settled> reject(SqlClient sql, TenantId tenant, MessageId id, UUID lease, QueueAccess access,
      String reason) {
    return settle(sql, MessageSql.REJECT, match(tenant, id, lease, access).addString(reason), tenant, id, access);
  }

  public Future<Settled> extend(SqlClient sql, TenantId tenant, MessageId id, UUID lease, QueueAccess access,
      int leaseSeconds) {
    return settle(sql, MessageSql.EXTEND, match(tenant, id, lease, access).addInteger(leaseSeconds), tenant, id,
        access);
  }

  /** Acks several leases of one queue at once; the ones that were acked. */
  public Future<java.util.Set<LeaseRef>> ackMany(SqlClient sql, Queue queue, List<LeaseRef> leases) {
    return sql.preparedQuery(MessageSql.ACK_MANY).execute(leaseParams(queue, leases))
        .map(rows -> {
          java.util.Set<LeaseRef> acked = new java.util.HashSet<>();
          rows.forEach(row -> acked.add(new LeaseRef(row.getLong("id"), row.getUUID("lease_token"))));
          return acked;
        });
  }

  /** How many dead messages became ready; {@code ids} null means all of the queue's. */
  public Future<Integer> redrive(SqlClient sql, Queue queue, List<Long> ids) {
    return sql.preparedQuery(MessageSql.REDRIVE)
        .execute(Tuple.of(queue.tenantId().value(), queue.id(), ids == null ? null : ids.toArray(new Long[0])))
        .map(RowSet::rowCount);
  }

  public Future<Integer> release(SqlClient sql, Queue queue, List<LeaseRef> leases) {
    return sql.preparedQuery(MessageSql.RELEASE).execute(leaseParams(queue, leases)).map(RowSet::rowCount);
  }

  public Future<List<Long>> stillLeased(SqlClient sql, Queue queue, List<LeaseRef> leases) {
    return sql.preparedQuery(MessageSql.STILL_LEASED).execute(leaseParams(queue, leases))
        .map(rows -> {
          List<Long> still = new ArrayList<>();
          rows.forEach(row -> still.add(row.getLong("id")));
          return still;
        });
  }

  /** $1 tenant, $2 queue, $3 ids, $4 lease tokens: the shape of every statement over a set of leases. */
  private static Tuple leaseParams(Queue queue, List<LeaseRef> leases) {
    Long[] ids = leases.stream().map(LeaseRef::id).toArray(Long[]::new);
    UUID[] tokens = leases.stream().map(LeaseRef::lease).toArray(UUID[]::new);
    return Tuple.of(queue.tenantId().value(), queue.id(), ids, tokens);
  }

  public Future<List<MessageSummary>> list(SqlClient sql, Queue queue, String state, long afterId, int limit) {
    return sql.preparedQuery(MessageSql.LIST)
        .execute(Tuple.of(queue.tenantId().value(), queue.id(), state, afterId, limit))
        .map(rows -> {
          List<MessageSummary> page = new ArrayList<>();
          rows.forEach(row -> page.add(new MessageSummary(new MessageId(row.getLong("id")), row.getString("state"),
              row.getInteger("attempt"), row.getOffsetDateTime("visible_at"), row.getOffsetDateTime("enqueued_at"),
              row.getString("event_id"), row.getString("last_error"), row.getOffsetDateTime("dead_at"))));
          return page;
        });
  }

  public Future<Integer> purge(SqlClient sql, Queue queue, String state) {
    return sql.preparedQuery(MessageSql.PURGE).execute(Tuple.of(queue.tenantId().value(), queue.id(), state))
        .map(RowSet::rowCount);
  }

  /** Holds housekeeping off while it runs, so no event it re-enqueues is deleted under it. */
  public Future<Integer> replay(Pool pool, Queue queue, OffsetDateTime from, OffsetDateTime to, String endpointId,
      int max) {
    return pool.withTransaction(tx -> tx.query(HousekeepingSql.HOLD_OFF).execute()
        .compose(held -> tx.preparedQuery(MessageSql.REPLAY)
            .execute(Tuple.of(queue.tenantId().value(), queue.id(), from, to, endpointId, max)))
        .map(RowSet::rowCount));
  }

  private static Tuple match(TenantId tenant, MessageId id, UUID lease, QueueAccess access) {
    return Tuple.of(tenant.value(), id.value(), lease, access.queues().toArray(new String[0]), access.admin());
  }

  private Future<Settled> settle(SqlClient sql, String statement, Tuple params, TenantId tenant, MessageId id,
      QueueAccess access) {
    return sql.preparedQuery(statement).execute(params).compose(rows -> {
      if (rows.size() == 1) {
        Row row = rows.iterator().next();
        OffsetDateTime expiry = row.getColumnIndex("visible_at") >= 0 ? row.getOffsetDateTime("visible_at") : null;
        return Future.succeededFuture(new Settled(Settlement.SETTLED, row.getLong("queue_id"), expiry));
      }
      return sql.preparedQuery(MessageSql.EXISTS)
          .execute(Tuple.of(tenant.value(), id.value(), access.queues().toArray(new String[0]), access.admin()))
          .map(found -> new Settled(found.size() == 0 ? Settlement.NOT_FOUND : Settlement.STALE_LEASE, 0, null));
    });
  }

  private static Leased toLeased(RowSet<Row> rows, long queueId) {
    List<Delivery> deliveries = new ArrayList<>();
    int dead = 0;
    for (Row row : rows) {
      if ("dead".equals(row.getString("state"))) {
        dead++;
        continue;
      }
      deliveries.add(new Delivery(new MessageId(row.getLong("id")), queueId, row.getString("event_id"),
          row.getString("endpoint_id"), row.getString("method"), row.getInteger("attempt"), row.getUUID("lease_token"),
          row.getOffsetDateTime("lease_expires_at"), row.getOffsetDateTime("enqueued_at"),
          row.getOffsetDateTime("received_at"), row.getString("headers"), row.getString("content_type"),
          row.getBuffer("body")));
    }
    return new Leased(deliveries, dead);
  }
}
