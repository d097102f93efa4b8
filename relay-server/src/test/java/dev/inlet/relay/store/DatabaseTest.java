package dev.inlet.relay.store;

import static org.assertj.core.api.Assertions.assertThat;

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
      // The test server runs with synchronous_commit off; make this database's default durable.
      Pool admin = database.pool(vertx, 1);
      admin.query("alter database " + database.connectOptions().getDatabase() + " set synchronous_commit = on")
          .execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      admin.close();
      assertThat(setting(database.pool(vertx, 1))).as("ingest commits wait for the disk").isEqualTo("on");
      assertThat(setting(database.asyncCommitPool(vertx, 1))).isEqualTo("off");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Vert.x caches only statements its filter accepts (by default, under 2,048 characters): a hot
   * statement grown past it would be planned on every call again, silently.
   */
  @Test
  void theHotStatementsArePreparedOncePerConnection() {
    var options = Database.fromUrl("postgresql://postgres@localhost:5432/inlet").connectOptions();
    assertThat(options.getCachePreparedStatements()).isTrue();
    for (String sql : new String[] {IngestSql.COMMIT_BATCH, MessageSql.LEASE_ONE, MessageSql.LEASE_MANY,
        MessageSql.TAKE_ONE, MessageSql.TAKE_MANY, MessageSql.ACK, TokenSql.IS_ACTIVE}) {
      assertThat(options.getPreparedStatementCacheSqlFilter().test(sql)).as(sql).isTrue();
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
