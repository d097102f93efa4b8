package dev.inlet.relay.store;

import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** The tenants' ingest budgets per second of database time, leased by the nodes in shares. */
public final class BudgetStore {

  /** What a lease took ({@code granted}, 0 when the window is spent) and how long its window lasts. */
  public record Grant(int granted, long remainingMillis) {}

  /** Takes up to {@code wanted} of the tenant's {@code limit} for this second (database time). */
  public Future<Grant> lease(SqlClient sql, TenantId tenant, int wanted, int limit) {
    return sql.preparedQuery(BudgetSql.LEASE).execute(Tuple.of(tenant.value(), wanted, limit)).map(rows -> {
      Row row = rows.iterator().next();
      return new Grant(row.getInteger("granted"), row.getLong("remaining_ms"));
    });
  }

  /** Deletes up to {@code max} windows long past; how many. */
  public Future<Integer> sweep(SqlClient sql, int max) {
    return sql.preparedQuery(BudgetSql.SWEEP).execute(Tuple.of(max)).map(rows -> rows.rowCount());
  }
}
