package dev.inlet.relay.store;

import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tenants, and the relay-wide settings every node shares. */
public final class TenantStore {

  /** A tenant row. */
  public record TenantRow(TenantId id, String name, String status, Integer ingestRatePerSecond, int retentionSeconds,
      OffsetDateTime createdAt) {}

  public Future<TenantRow> insert(SqlClient sql, TenantId id, String name, Integer ingestRatePerSecond,
      int retentionSeconds) {
    Future<RowSet<Row>> insert = sql.preparedQuery(TenantSql.INSERT)
        .execute(Tuple.of(id.value(), name, ingestRatePerSecond, retentionSeconds));
    return StoreErrors.conflictOnDuplicate(insert, "a tenant named '" + name + "' already exists")
        .map(rows -> toTenant(rows.iterator().next()));
  }

  public Future<Optional<TenantRow>> find(SqlClient sql, TenantId id) {
    return sql.preparedQuery(TenantSql.FIND).execute(Tuple.of(id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toTenant(rows.iterator().next())));
  }

  public Future<List<TenantRow>> listAfter(SqlClient sql, String afterName, int limit) {
    return sql.preparedQuery(TenantSql.LIST_AFTER).execute(Tuple.of(afterName, limit)).map(rows -> {
      List<TenantRow> tenants = new ArrayList<>();
      rows.forEach(row -> tenants.add(toTenant(row)));
      return tenants;
    });
  }

  /** Stores {@code value} under {@code key} unless a value is there; returns the one that won. */
  public Future<String> settingPutIfAbsent(SqlClient sql, String key, String value) {
    return sql.preparedQuery(TenantSql.SETTING_INSERT_IF_ABSENT).execute(Tuple.of(key, value))
        .compose(ignored -> sql.preparedQuery(TenantSql.SETTING_FIND).execute(Tuple.of(key)))
        .map(rows -> rows.iterator().next().getString("value"));
  }

  /** Replaces {@code key}'s value only if it is still {@code expected}: whether it did. */
  public Future<Boolean> settingReplace(SqlClient sql, String key, String expected, String replacement) {
    return sql.preparedQuery(TenantSql.SETTING_REPLACE).execute(Tuple.of(key, expected, replacement))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Whether this call was the one that stored {@code key} (a once-only marker across nodes). */
  public Future<Boolean> settingClaim(SqlClient sql, String key, String value) {
    return sql.preparedQuery(TenantSql.SETTING_INSERT_IF_ABSENT).execute(Tuple.of(key, value))
        .map(rows -> rows.rowCount() == 1);
  }

  private static TenantRow toTenant(Row row) {
    return new TenantRow(new TenantId(row.getString("id")), row.getString("name"), row.getString("status"),
        row.getInteger("ingest_rate_per_sec"), row.getInteger("retention_seconds"), row.getOffsetDateTime("created_at"));
  }
}
