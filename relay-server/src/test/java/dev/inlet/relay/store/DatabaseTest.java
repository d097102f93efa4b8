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

  private static String setting(Pool pool) throws Exception {
    try {
      return pool.query("show synchronous_commit").execute().toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS).iterator().next().getString(0);
    } finally {
      pool.close();
    }
  }
}
