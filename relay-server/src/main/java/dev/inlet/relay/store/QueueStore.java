package dev.inlet.relay.store;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.QueueSettings;
import dev.inlet.relay.queue.QueueStats;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queues, always looked up within one tenant. */
public final class QueueStore {

  public Future<Queue> insert(SqlClient sql, TenantId tenant, String name, QueueSettings settings) {
    Tuple params = Tuple.of(tenant.value(), name,
        orDefault(settings.leaseSeconds(), Queue.DEFAULT_LEASE_SECONDS),
        orDefault(settings.maxAttempts(), Queue.DEFAULT_MAX_ATTEMPTS),
        orDefault(settings.retentionSeconds(), Queue.DEFAULT_RETENTION_SECONDS));
    Future<RowSet<Row>> insert = sql.preparedQuery(QueueSql.INSERT).execute(params);
    return StoreErrors.conflictOnDuplicate(insert, "a queue named '" + name + "' already exists")
        .map(rows -> toQueue(rows.iterator().next()));
  }

  public Future<Optional<Queue>> find(SqlClient sql, TenantId tenant, String name) {
    return sql.preparedQuery(QueueSql.FIND_BY_NAME).execute(Tuple.of(tenant.value(), name)).map(QueueStore::first);
  }

  public Future<List<Queue>> findAll(SqlClient sql, TenantId tenant, List<String> names) {
    return sql.preparedQuery(QueueSql.FIND_BY_NAMES)
        .execute(Tuple.of(tenant.value(), (Object) names.toArray(new String[0])))
        .map(QueueStore::all);
  }

  public Future<List<Queue>> listAfter(SqlClient sql, TenantId tenant, String afterName, int limit) {
    return sql.preparedQuery(QueueSql.LIST_AFTER).execute(Tuple.of(tenant.value(), afterName, limit))
        .map(QueueStore::all);
  }

  public Future<Optional<Queue>> update(SqlClient sql, TenantId tenant, String name, QueueSettings settings) {
    return sql.preparedQuery(QueueSql.UPDATE)
        .execute(Tuple.of(tenant.value(), name, settings.leaseSeconds(), settings.maxAttempts(),
            settings.retentionSeconds()))
        .map(QueueStore::first);
  }

  public Future<Boolean> delete(SqlClient sql, TenantId tenant, String name) {
    return sql.preparedQuery(QueueSql.DELETE).execute(Tuple.of(tenant.value(), name))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<QueueStats> stats(SqlClient sql, Queue queue) {
    return sql.preparedQuery(QueueSql.STATS).execute(Tuple.of(queue.tenantId().value(), queue.id())).map(rows -> {
      Row row = rows.iterator().next();
      BigDecimal age = row.getBigDecimal("oldest_ready_age");
      return new QueueStats(row.getLong("ready"), row.getLong("delayed"), row.getLong("leased"),
          row.getLong("dead"), age == null ? null : age.doubleValue());
    });
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static Optional<Queue> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toQueue(rows.iterator().next()));
  }

  private static List<Queue> all(RowSet<Row> rows) {
    List<Queue> queues = new ArrayList<>();
    rows.forEach(row -> queues.add(toQueue(row)));
    return queues;
  }

  private static Queue toQueue(Row row) {
    return new Queue(row.getLong("id"), new TenantId(row.getString("tenant_id")), row.getString("name"),
        row.getInteger("lease_seconds"), row.getInteger("max_attempts"), row.getInteger("retention_seconds"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }
}
