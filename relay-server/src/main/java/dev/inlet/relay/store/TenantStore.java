package dev.inlet.relay.store;

import dev.inlet.relay.id.TenantId;
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

/** Tenants, and the relay-wide settings every node shares. */
public final class TenantStore {

  /** A tenant row. */
  public record TenantRow(TenantId id, String name, String status, Integer ingestRatePerSecond, int retentionSeconds,
      Integer maxQueues, Integer maxEndpoints, Long maxBacklogPerQueue, Long maxStoredBytes,
      OffsetDateTime createdAt) {}

  /** What a tenant holds that its create quotas count. */
  public record UsageRow(long queues, long endpoints) {}

  /** A queue or a tenant over a quota, with the limit it is over. */
  public record OverRow(String key, long limit) {}

  /** One step of a tenant's removal: how many rows of each kind went, and whether the tenant row did. */
  public record DeletionStep(String tenantId, int messages, int events, int dedupeKeys, long history,
      boolean tenantRemoved) {}

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

  public Future<Optional<TenantRow>> findForUpdate(SqlClient sql, TenantId id) {
    return sql.preparedQuery(TenantSql.FIND_FOR_UPDATE).execute(Tuple.of(id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toTenant(rows.iterator().next())));
  }

  /** Writes every changeable column of {@code row}; empty when the tenant is gone or being deleted. */
  public Future<Optional<TenantRow>> update(SqlClient sql, TenantRow row) {
    return sql.preparedQuery(TenantSql.UPDATE)
        .execute(Tuple.from(new Object[] {row.id().value(), row.ingestRatePerSecond(), row.retentionSeconds(),
            row.status(), row.maxQueues(), row.maxEndpoints(), row.maxBacklogPerQueue(), row.maxStoredBytes()}))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toTenant(rows.iterator().next())));
  }

  public Future<UsageRow> usage(SqlClient sql, TenantId id) {
    return sql.preparedQuery(TenantSql.USAGE).execute(Tuple.of(id.value())).map(rows -> {
      Row row = rows.iterator().next();
      return new UsageRow(row.getLong("queues"), row.getLong("endpoints"));
    });
  }

  /** Queue ids (as text) over their backlog quota. */
  public Future<List<OverRow>> queuesOverBacklog(SqlClient sql, long defaultLimit) {
    return sql.preparedQuery(TenantSql.QUEUES_OVER_BACKLOG).execute(Tuple.of(defaultLimit))
        .map(rows -> over(rows));
  }

  /** Tenant ids over their stored-bytes quota. */
  public Future<List<OverRow>> tenantsOverStorage(SqlClient sql, long defaultLimit) {
    return sql.preparedQuery(TenantSql.TENANTS_OVER_STORAGE).execute(Tuple.of(defaultLimit))
        .map(rows -> over(rows));
  }

  /** Whether the tenant was there to mark (and not already being deleted). */
  public Future<Boolean> markDeleting(SqlClient sql, TenantId id) {
    return sql.preparedQuery(TenantSql.MARK_DELETING).execute(Tuple.of(id.value())).map(rows -> rows.size() == 1);
  }

  /**
   * One bounded step of removing a tenant being deleted (none: empty), in one transaction holding
   * its row so that one node at a time works on it.
   */
  public Future<Optional<DeletionStep>> deleteStep(Pool pool, int maxRows) {
    return pool.withTransaction(tx -> tx.preparedQuery(TenantSql.CLAIM_DELETING).execute().compose(claimed -> {
      if (claimed.size() == 0) {
        return Future.succeededFuture(Optional.<DeletionStep>empty());
      }
      String id = claimed.iterator().next().getString("id");
      Tuple params = Tuple.of(id, maxRows);
      int[] removed = new int[3];
      return tx.preparedQuery(TenantSql.DELETE_MESSAGES_STEP).execute(params)
          .compose(messages -> {
            removed[0] = messages.rowCount();
            return tx.preparedQuery(TenantSql.DELETE_EVENTS_STEP).execute(params);
          })
          .compose(events -> {
            removed[1] = events.rowCount();
            return tx.preparedQuery(TenantSql.DELETE_DEDUPE_KEYS_STEP).execute(params);
          })
          .compose(keys -> {
            removed[2] = keys.rowCount();
            return tx.preparedQuery(TenantSql.DELETE_HISTORY_STEP).execute(params);
          })
          .compose(history -> {
            long historyRows = history.iterator().next().getLong("removed");
            if (removed[0] + removed[1] + removed[2] + historyRows > 0) {
              return Future.succeededFuture(new DeletionStep(id, removed[0], removed[1], removed[2], historyRows, false));
            }
            // Nothing was left: the tenant row goes, and its queues, endpoints, tokens with it.
            return tx.preparedQuery(TenantSql.DELETE_TENANT).execute(Tuple.of(id))
                .map(gone -> new DeletionStep(id, 0, 0, 0, 0, gone.rowCount() == 1));
          })
          .map(Optional::of);
    }));
  }

  private static List<OverRow> over(RowSet<Row> rows) {
    List<OverRow> over = new ArrayList<>();
    rows.forEach(row -> over.add(new OverRow(String.valueOf(row.getValue("id")), row.getLong("max"))));
    return over;
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
        row.getInteger("ingest_rate_per_sec"), row.getInteger("retention_seconds"), row.getInteger("max_queues"),
        row.getInteger("max_endpoints"), row.getLong("max_backlog_per_queue"), row.getLong("max_stored_bytes"),
        row.getOffsetDateTime("created_at"));
  }
}
