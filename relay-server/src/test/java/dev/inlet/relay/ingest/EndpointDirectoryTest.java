package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.endpoint.EndpointSecrets;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.secret.SecretKeys;
import dev.inlet.relay.store.Database;
import dev.inlet.relay.store.IngestStore;
import dev.inlet.relay.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint cache cannot be flushed from outside, and does not hide a new endpoint for long. */
class EndpointDirectoryTest {
  static final EndpointSecrets SECRETS =
      new EndpointSecrets(SecretKeys.of(SecretKeys.decodeKey(SecretKeys.newKeyText()), java.util.List.of()));

  static Vertx vertx;
  static Pool pool;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    pool = Database.fromUrl(TestDatabase.get().newDatabase()).pool(vertx, 2);
    sql("insert into tenants (id, name) values ('ten_cache', 'cache')");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFloodOfUnknownIdsDoesNotEvictAnEndpointInUse() throws Exception {
    sql("insert into endpoints (tenant_id, id, name, verification) values"
        + " ('ten_cache', 'ep_inuse', 'in-use', '{\"scheme\":\"none\",\"secrets\":[]}')");
    EndpointDirectory directory = new EndpointDirectory(pool, new IngestStore(), SECRETS, 60_000, 50);
    for (int i = 0; i < 3; i++) {
      assertThat(get(directory.lookup(new EndpointId("ep_inuse")))).isPresent();
    }
    for (int i = 0; i < 500; i++) {
      assertThat(get(directory.lookup(new EndpointId("ep_guess" + i)))).isEmpty();
    }
    assertThat(directory.size()).as("guesses are not held as endpoints").isEqualTo(1);
    // Gone from the database: only a cached copy can still answer.
    sql("delete from endpoints where id = 'ep_inuse'");
    assertThat(get(directory.lookup(new EndpointId("ep_inuse")))).as("still cached after the flood").isPresent();
  }

  @Test
  void anUnknownIdIsRememberedBrieflyThenLookedUpAgain() throws Exception {
    EndpointDirectory directory = new EndpointDirectory(pool, new IngestStore(), SECRETS, 60_000, 50);
    assertThat(get(directory.lookup(new EndpointId("ep_later")))).isEmpty();
    sql("insert into endpoints (tenant_id, id, name, verification) values"
        + " ('ten_cache', 'ep_later', 'later', '{\"scheme\":\"none\",\"secrets\":[]}')");
    assertThat(get(directory.lookup(new EndpointId("ep_later")))).as("the miss is cached").isEmpty();
    Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(get(directory.lookup(new EndpointId("ep_later")))).isPresent());
  }

  private static Optional<IngestEndpoint> get(Future<Optional<IngestEndpoint>> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void sql(String statement) throws Exception {
    pool.query(statement).execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
