package dev.inlet.relay.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claiming a replay job tenant by tenant (no {@code for update} across shards, issue 14): two nodes
 * never both get one job, and a job whose node died is taken again. A database of its own per test.
 */
class ReplayClaimTest {
  private final ReplayStore store = new ReplayStore();
  private Vertx vertx;
  private Pool pool;
  private String databaseUrl;

  @BeforeEach
  void start() throws SQLException {
    databaseUrl = TestDatabase.get().newDatabase();
    vertx = Vertx.vertx();
    pool = Database.fromUrl(databaseUrl).pool(vertx, 4);
    execute("insert into tenants (id, name) values ('ten_claim', 'claim')",
        "insert into queues (tenant_id, name) values ('ten_claim', 'q')");
  }

  @AfterEach
  void stop() throws Exception {
    pool.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void twoNodesClaimingOneQueuedJobAtOnceOnlyOneGetsIt() throws Exception {
    job("rpl_one", "'queued', null, null");

    List<UUID> nodes = List.of(UUID.randomUUID(), UUID.randomUUID());

    List<Optional<ReplayStore.ReplayRow>> claims = claimBothWhileLocked("rpl_one", nodes);

    assertThat(claims).filteredOn(Optional::isPresent).hasSize(1);
    UUID winner = claims.get(0).isPresent() ? nodes.get(0) : nodes.get(1);
    assertThat(owner("rpl_one")).as("the lease is the winner's").isEqualTo(winner);
    assertThat(await(store.claim(pool, UUID.randomUUID(), 30))).as("a third node, later").isEmpty();
  }

  @Test
  void theNodeThatLostTheOldestJobTakesTheNextOne() throws Exception {
    job("rpl_old", "'queued', null, null");
    execute("update replay_jobs set created_at = now() - interval '1 minute' where id = 'rpl_old'");
    job("rpl_new", "'queued', null, null");

    List<Optional<ReplayStore.ReplayRow>> claims =
        claimBothWhileLocked("rpl_old", List.of(UUID.randomUUID(), UUID.randomUUID()));

    assertThat(claims).allMatch(Optional::isPresent);
    assertThat(claims.stream().map(claim -> claim.orElseThrow().id()))
        .containsExactlyInAnyOrder("rpl_old", "rpl_new");
  }

  @Test
  void aJobWhoseLeaseRanOutIsClaimedAgainAndOneStillLeasedIsNot() throws Exception {
    UUID dead = UUID.randomUUID();
    job("rpl_lapsed", "'running', '" + dead + "', now() - interval '1 second'");
    job("rpl_leased", "'running', '" + dead + "', now() + interval '1 hour'");
    UUID node = UUID.randomUUID();

    Optional<ReplayStore.ReplayRow> claimed = await(store.claim(pool, node, 30));

    assertThat(claimed).map(ReplayStore.ReplayRow::id).contains("rpl_lapsed");
    assertThat(claimed.orElseThrow().state()).isEqualTo("running");
    assertThat(owner("rpl_lapsed")).isEqualTo(node);
    assertThat(owner("rpl_leased")).as("a live lease is left alone").isEqualTo(dead);
    assertThat(await(store.claim(pool, UUID.randomUUID(), 30))).isEmpty();
  }

  /**
   * Two claims at once, as two nodes would make them: both read job {@code locked} as free, then
   * wait on its row (held here) before either updates it, so both decide on the same row.
   */
  private List<Optional<ReplayStore.ReplayRow>> claimBothWhileLocked(String locked, List<UUID> nodes)
      throws Exception {
    try (Connection holder = TestDatabase.connect(databaseUrl); Statement statement = holder.createStatement()) {
      holder.setAutoCommit(false);
      statement.execute("select 1 from replay_jobs where id = '" + locked + "' for update");
      List<Future<Optional<ReplayStore.ReplayRow>>> claims = new ArrayList<>();
      for (UUID node : nodes) {
        claims.add(store.claim(pool, node, 30));
      }
      awaitLockWaiters(nodes.size());
      holder.commit();
      List<Optional<ReplayStore.ReplayRow>> results = new ArrayList<>();
      for (Future<Optional<ReplayStore.ReplayRow>> claim : claims) {
        results.add(await(claim));
      }
      return results;
    }
  }

  private void awaitLockWaiters(int waiters) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (count("select count(*) from pg_stat_activity where datname = current_database()"
        + " and wait_event_type = 'Lock'") < waiters) {
      assertThat(System.nanoTime()).as("both claims wait for the job's row").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private void job(String id, String stateOwnerExpiry) throws SQLException {
    execute("insert into replay_jobs (tenant_id, id, queue_id, window_from, window_to, state, lease_owner,"
        + " lease_expires_at) select 'ten_claim', '" + id + "', id, now() - interval '1 hour', now(), "
        + stateOwnerExpiry + " from queues where tenant_id = 'ten_claim'");
  }

  private UUID owner(String id) throws SQLException {
    try (Connection sql = TestDatabase.connect(databaseUrl); Statement statement = sql.createStatement();
         ResultSet row = statement.executeQuery("select lease_owner from replay_jobs where id = '" + id + "'")) {
      row.next();
      return row.getObject(1, UUID.class);
    }
  }

  private long count(String query) throws SQLException {
    try (Connection sql = TestDatabase.connect(databaseUrl); Statement statement = sql.createStatement();
         ResultSet row = statement.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private void execute(String... statements) throws SQLException {
    try (Connection sql = TestDatabase.connect(databaseUrl); Statement statement = sql.createStatement()) {
      for (String each : statements) {
        statement.execute(each);
      }
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
