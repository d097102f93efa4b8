package dev.inlet.relay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.relay.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void onlyTheConsumerPoolCommitsWithoutWaitingForTheDisk() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      String url = TestDatabase.get().newDatabase();
      Database database = Database.fromUrl(url);
      // The test server runs with synchronous_commit off: the durable pool must not inherit that.
      assertThat(setting(database.pool(vertx, 1))).as("ingest commits wait for the disk").isEqualTo("on");
      assertThat(setting(database.asyncCommitPool(vertx, 1))).isEqualTo("off");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Vert.x caches only statements its filter accepts (by default, under 2,048 characters; the relay's, under 8,192): a hot
   * statement grown past it would be planned on every call again, silently.
   */
  @Test
  void theHotStatementsArePreparedOncePerConnection() {
    var options = Database.fromUrl("postgresql://postgres@localhost:5432/inlet").connectOptions();
    assertThat(options.getCachePreparedStatements()).isTrue();
    for (String sql : new String[] {IngestSql.COMMIT_BATCH, MessageSql.LEASE_ONE, MessageSql.LEASE_MANY,
        MessageSql.TAKE_ONE, MessageSql.TAKE_MANY, MessageSql.ACK, MessageSql.ACK_MANY, MessageSql.NACK,
        MessageSql.REJECT, MessageSql.RELEASE, TokenSql.IS_ACTIVE}) {
      assertThat(options.getPreparedStatementCacheSqlFilter().test(sql)).as(sql).isTrue();
    }
  }

  @Test
  void aMessageCannotBeFiledUnderAnotherTenantsQueue() throws Exception {
    String url = TestDatabase.get().newDatabase();
    var options = Database.fromUrl(url).connectOptions();
    String jdbc = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    try (java.sql.Connection sql = java.sql.DriverManager.getConnection(jdbc, options.getUser(), options.getPassword());
         java.sql.Statement statement = sql.createStatement()) {
      statement.execute("insert into tenants (id, name) values ('ten_a', 'a'), ('ten_b', 'b')");
      statement.execute("insert into queues (tenant_id, name) values ('ten_a', 'orders')");
      statement.execute("insert into endpoints (tenant_id, id, name, verification) values"
          + " ('ten_a', 'ep_a', 'in', '{\"scheme\":\"none\"}')");
      assertThatThrownBy(() -> statement.execute("insert into messages (tenant_id, queue_id, event_id, event_received_at)"
          + " select 'ten_b', id, 'evt_x', now() from queues where name = 'orders'"))
          .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("messages_tenant_queue");
      assertThatThrownBy(() -> statement.execute("insert into routes (tenant_id, endpoint_id, queue_id)"
          + " select 'ten_b', 'ep_a', id from queues where name = 'orders'"))
          .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("routes_tenant");
      statement.execute("insert into messages (tenant_id, queue_id, event_id, event_received_at)"
          + " select 'ten_a', id, 'evt_x', now() from queues where name = 'orders'");
    }
  }

  private static String setting(Pool pool) throws Exception {
    try {
      return pool.query("show synchronous_commit").execute().toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS).iterator().next().getString(0);
    } finally {
      pool.close();
    }
  }
}
