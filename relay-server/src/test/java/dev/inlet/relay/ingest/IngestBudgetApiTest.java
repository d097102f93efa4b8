package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.store.Database;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood while the database is stalled: the node holds at most INLET_INGEST_MAX_PENDING_BYTES of
 * bodies, refuses the rest with 503 + Retry-After before reading them, and recovers when the
 * database does. Nothing it answered 202 for is lost.
 */
class IngestBudgetApiTest {
  private static final int BUDGET = 1_048_576;
  @RegisterExtension
  static final RelayExtension relay =
      RelayExtension.withSettings(Map.of("INLET_INGEST_MAX_PENDING_BYTES", Integer.toString(BUDGET)));
  static final Api api = relay.api();
  static String endpoint;

  @BeforeAll
  static void start() {
    Api.TenantAccess acme = relay.newTenant("acme");
    api.createQueue(acme.adminToken(), "flood");
    endpoint = api.createEndpoint(acme.adminToken(), "flood-in", "flood");
  }


  @Test
  void aFloodWhileTheDatabaseIsStalledStaysWithinTheBudgetAndRecovers() throws Exception {
    Inbound inbound = relay.inbound();
    String body = "{\"pad\":\"" + "x".repeat(100_000) + "\"}";
    List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
    try (Connection stall = jdbc()) {
      stall.setAutoCommit(false);
      try (Statement statement = stall.createStatement()) {
        statement.execute("lock table dedupe_keys in exclusive mode");
      }
      for (int i = 0; i < 40; i++) {
        posts.add(inbound.send(inbound.request(endpoint, body.replace("\"pad\"", "\"n" + i + "\""), Map.of())));
      }
      Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
          posts.stream().filter(p -> p.isDone() && p.join().statusCode() == 503).count() >= 25);
      assertThat(pendingBytes()).isPositive().isLessThanOrEqualTo(BUDGET);
      HttpResponse<String> refused = posts.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
          .filter(r -> r.statusCode() == 503).findFirst().orElseThrow();
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(refused.body()).contains("urn:inlet:problem:unavailable");
      stall.rollback();
    }
    List<Integer> statuses = posts.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    assertThat(statuses).containsOnly(202, 503);
    long accepted = statuses.stream().filter(s -> s == 202).count();
    assertThat(accepted).as("what fit in the budget was stored").isBetween(1L, 10L);
    assertThat(inbound.post(endpoint, "{\"after\":1}", Map.of()).statusCode()).as("recovered").isEqualTo(202);
    Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> pendingBytes() == 0);
  }

  private static long pendingBytes() {
    String metrics = api.anonymous().get("/metrics").asString();
    Matcher value = Pattern.compile("(?m)^inlet_ingest_pending_bytes ([0-9.E]+)$").matcher(metrics);
    assertThat(value.find()).as("the gauge is exported").isTrue();
    return (long) Double.parseDouble(value.group(1));
  }

  private static Connection jdbc() throws Exception {
    var options = Database.fromUrl(relay.relay().databaseUrl()).connectOptions();
    return DriverManager.getConnection("jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/"
        + options.getDatabase(), options.getUser(), options.getPassword());
  }
}
