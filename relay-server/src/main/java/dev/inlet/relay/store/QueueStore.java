package dev.inlet.relay.store;

import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Queues, always looked up within one tenant. */
public final class QueueStore {

  /** A queue row; {@code id} is internal and never leaves the relay. */
  public record QueueRow(long id, TenantId tenantId, String name, int leaseSeconds, int maxAttempts,
      int retentionSeconds, boolean paused, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

  /** Counts over a queue's messages. */
  public record StatsRow(long ready, long delayed, long leased, long dead, Double oldestReadyAgeSeconds) {}

  /** One queue's depth, for the gauges. */
  public record DepthRow(TenantId tenantId, long id, String name, long ready, long leased, long dead,
      double oldestReadyAgeSeconds, boolean paused) {}

  /** Sends {@code NOTIFY inlet_queue} for each queue id (other nodes wake those queues' consumers). */
  public Future<Void> notify(SqlClient sql, List<Long> queueIds) {
    return sql.preparedQuery(QueueSql.NOTIFY).execute(Tuple.of((Object) queueIds.toArray(new Long[0]))).mapEmpty();
  }

  public Future<List<DepthRow>> depths(SqlClient sql) {
    return sql.preparedQuery(QueueSql.DEPTHS).execute().map(rows -> {
      List<DepthRow> depths = new ArrayList<>();
      for (Row row : rows) {
        depths.add(new DepthRow(new TenantId(row.getString("tenant_id")), row.getLong("id"), row.getString("name"),
            row.getLong("ready"), row.getLong("leased"), row.getLong("dead"), row.getDouble("oldest_ready_age"),
            row.getBoolean("paused")));
      }
      return depths;
    });
  }

  public Future<QueueRow> insert(SqlClient sql, TenantId tenant, String name, int leaseSeconds, int maxAttempts,
      int retentionSeconds) {
    Tuple params = Tuple.of(tenant.value(), name, leaseSeconds, maxAttempts, retentionSeconds);
    Future<RowSet<Row>> insert = sql.preparedQuery(QueueSql.INSERT).execute(params);
    return StoreErrors.conflictOnDuplicate(insert, "a queue named '" + name + "' already exists")
        .map(rows -> toQueue(rows.iterator().next()));
  }

  public Future<Optional<QueueRow>> find(SqlClient sql, TenantId tenant, String name) {
    return sql.preparedQuery(QueueSql.FIND_BY_NAME).execute(Tuple.of(tenant.value(), name)).map(QueueStore::first);
  }

  public Future<List<QueueRow>> findAll(SqlClient sql, TenantId tenant, List<String> names) {
    return sql.preparedQuery(QueueSql.FIND_BY_NAMES)
        .execute(Tuple.of(tenant.value(), (Object) names.toArray(new String[0])))
        .map(QueueStore::all);
  }

  public Future<List<QueueRow>> listAfter(SqlClient sql, TenantId tenant, String afterName, int limit) {
    return sql.preparedQuery(QueueSql.LIST_AFTER).execute(Tuple.of(tenant.value(), afterName, limit))
        .map(QueueStore::all);
  }

  /** Null values are kept as they are. */
  public Future<Optional<QueueRow>> update(SqlClient sql, TenantId tenant, String name, Integer leaseSeconds,
      Integer maxAttempts, Integer retentionSeconds) {
    return sql.preparedQuery(QueueSql.UPDATE)
        .execute(Tuple.of(tenant.value(), name, leaseSeconds, maxAttempts, retentionSeconds))
        .map(QueueStore::first);
  }

  /** Pauses or resumes; a resume sends {@code NOTIFY inlet_queue} with the queue's id. */
  public Future<Optional<QueueRow>> setPaused(SqlClient sql, TenantId tenant, String name, boolean paused) {
    return sql.preparedQuery(QueueSql.SET_PAUSED).execute(Tuple.of(tenant.value(), name, paused))
        .map(QueueStore::first);
  }

  public Future<Boolean> delete(SqlClient sql, TenantId tenant, String name) {
    return sql.preparedQuery(QueueSql.DELETE).execute(Tuple.of(tenant.value(), name))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<StatsRow> stats(SqlClient sql, TenantId tenant, long queueId) {
    return sql.preparedQuery(QueueSql.STATS).execute(Tuple.of(tenant.value(), queueId)).map(rows -> {
      Row row = rows.iterator().next();
      BigDecimal age = row.getBigDecimal("oldest_ready_age");
      return new StatsRow(row.getLong("ready"), row.getLong("delayed"), row.getLong("leased"),
          row.getLong("dead"), age == null ? null : age.doubleValue());
    });
  }

  /** {@link #stats} of each of {@code queueIds} in one statement; a queue without messages is all zeros. */
  public Future<Map<Long, StatsRow>> statsOf(SqlClient sql, TenantId tenant, List<Long> queueIds) {
    Tuple params = Tuple.of(tenant.value()).addArrayOfLong(queueIds.toArray(new Long[0]));
    return sql.preparedQuery(QueueSql.STATS_OF_QUEUES).execute(params).map(rows -> {
      Map<Long, StatsRow> byQueue = new HashMap<>();
      for (Row row : rows) {
        BigDecimal age = row.getBigDecimal("oldest_ready_age");
        byQueue.put(row.getLong("queue_id"), new StatsRow(row.getLong("ready"), row.getLong("delayed"),
            row.getLong("leased"), row.getLong("dead"), age == null ? null : age.doubleValue()));
      }
      for (Long id : queueIds) {
        byQueue.putIfAbsent(id, new StatsRow(0, 0, 0, 0, null));
      }
      return byQueue;
    });
  }

  private static Optional<QueueRow> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toQueue(rows.iterator().next()));
  }

  private static List<QueueRow> all(RowSet<Row> rows) {
    List<QueueRow> queues = new ArrayList<>();
    rows.forEach(row -> queues.add(toQueue(row)));
    return queues;
  }

  private static QueueRow toQueue(Row row) {
    return new QueueRow(row.getLong("id"), new TenantId(row.getString("tenant_id")), row.getString("name"),
        row.getInteger("lease_seconds"), row.getInteger("max_attempts"), row.getInteger("retention_seconds"),
        row.getBoolean("paused"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }
}
