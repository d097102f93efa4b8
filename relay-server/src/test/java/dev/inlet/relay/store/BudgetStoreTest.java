package dev.inlet.relay.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared ingest budget's one statement: leases within a window of database time, never past the limit. */
class BudgetStoreTest {
  static Vertx vertx;
  static Pool pool;
  final BudgetStore store = new BudgetStore();

  @BeforeAll
  static void open() {
    vertx = Vertx.vertx();
    pool = Database.fromUrl(TestDatabase.get().newDatabase()).pool(vertx, 2);
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void leasesInOneWindowAddUpToTheLimitAndNoMore() throws Exception {
    TenantId tenant = new TenantId("ten_budgetwindow0000000");
    // One transaction: now() stands still, so every lease falls into the same window.
    BudgetStore.Grant[] grants = await(pool.withTransaction(sql -> lease(sql, tenant, 4, 10)
        .compose(first -> lease(sql, tenant, 4, 10).compose(second -> lease(sql, tenant, 4, 10)
            .compose(third -> lease(sql, tenant, 4, 10)
                .map(fourth -> new BudgetStore.Grant[] {first, second, third, fourth}))))));
    assertThat(grants).extracting(BudgetStore.Grant::granted).containsExactly(4, 4, 2, 0);
    assertThat(grants).allSatisfy(grant -> assertThat(grant.remainingMillis()).isBetween(0L, 1_000L));
  }

  @Test
  void eachTenantHasItsOwnBudget() throws Exception {
    TenantId one = new TenantId("ten_budgetone00000000000");
    TenantId two = new TenantId("ten_budgettwo00000000000");
    BudgetStore.Grant[] grants = await(pool.withTransaction(sql -> lease(sql, one, 5, 5)
        .compose(first -> lease(sql, two, 5, 5)
            .map(second -> new BudgetStore.Grant[] {first, second}))));
    assertThat(grants).extracting(BudgetStore.Grant::granted).containsExactly(5, 5);
  }

  @Test
  void theSweepRemovesWindowsLongPastOnly() throws Exception {
    TenantId tenant = new TenantId("ten_budgetsweep000000000");
    await(store.lease(pool, tenant, 1, 10));
    // A window of a minute ago, as if written then: no waiting for time to pass.
    await(pool.query("insert into ingest_budget (tenant_id, window_start, granted, last_grant)"
        + " values ('" + tenant.value() + "', date_trunc('second', now()) - interval '1 minute', 3, 3)").execute());
    assertThat(await(store.sweep(pool, 1_000))).isGreaterThanOrEqualTo(1);
    assertThat(await(pool.query("select count(*) from ingest_budget where tenant_id = '" + tenant.value()
        + "' and window_start < now() - interval '10 seconds'").execute()).iterator().next().getLong(0)).isZero();
    assertThat(await(pool.query("select count(*) from ingest_budget where tenant_id = '" + tenant.value() + "'")
        .execute()).iterator().next().getLong(0)).isEqualTo(1);
  }

  private Future<BudgetStore.Grant> lease(SqlClient sql, TenantId tenant, int wanted, int limit) {
    return store.lease(sql, tenant, wanted, limit);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
