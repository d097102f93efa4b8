package dev.inlet.relay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.Jwts;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.TestQueue;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A change made on one node reaches the other node's caches by its change notice, within a second,
 * not when its cache time runs out: both nodes cache for ten minutes here, so only the notice can
 * explain a change seen within seconds. And after the LISTEN connection drops, a node listens again
 * and looks once, so a message notified meanwhile is not left waiting for a long poll's end.
 */
class ClusterChangesApiTest {
  private static final Map<String, String> LONG_CACHES = Map.of(
      "INLET_ENDPOINT_CACHE_MS", "600000", "INLET_QUEUE_CACHE_MS", "600000");
  private static final Duration SOON = Duration.ofSeconds(3);

  @RegisterExtension static final RelayExtension relay = RelayExtension.withSettings(LONG_CACHES);
  static Api api;
  static Api.TenantAccess acme;
  static TestRelay other;
  static Api onOther;
  static Inbound inboundOnOther;

  @BeforeAll
  static void startTheOtherNode() {
    api = relay.api();
    acme = relay.newTenant("acme");
    // The other node listens through a URL of its own (as behind PgBouncer in transaction mode).
    Map<String, String> settings = new HashMap<>(LONG_CACHES);
    settings.put("INLET_DATABASE_LISTEN_URL", relay.relay().databaseUrl());
    other = relay.startNode(settings);
    onOther = new Api(other);
    inboundOnOther = new Inbound(other.baseUrl());
  }

  @AfterAll
  static void stopIt() {
    other.close();
  }

  @Test
  void anEndpointDeletedOnOneNodeIsUnknownOnTheOtherAtOnce() {
    TestQueue queue = relay.newQueue(acme, Map.of());
    assertThat(postOnOther(queue.endpointId).statusCode()).isEqualTo(202);
    api.as(acme.adminToken()).delete("/v1/endpoints/" + queue.endpointId).then().statusCode(204);
    await().atMost(SOON).pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(postOnOther(queue.endpointId).statusCode()).isEqualTo(404));
  }

  @Test
  void aTenantSuspendedOnOneNodeIsRefusedOnTheOtherAtOnce() {
    Api.TenantAccess tenant = relay.newTenant("suspended");
    TestQueue queue = relay.newQueue(tenant, Map.of());
    assertThat(postOnOther(queue.endpointId).statusCode()).isEqualTo(202);
    api.asOperator().body(Map.of("status", "suspended")).patch("/v1/tenants/" + tenant.id()).then().statusCode(200);
    await().atMost(SOON).pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(postOnOther(queue.endpointId).statusCode()).isEqualTo(503));
  }

  @Test
  void aQueueDeletedOnOneNodeIsGoneOnTheOtherAtOnce() {
    TestQueue queue = relay.newQueue(acme, Map.of());
    assertThat(nextOnOther(queue.name).statusCode()).isEqualTo(204);
    api.as(acme.adminToken()).delete("/v1/queues/" + queue.name).then().statusCode(204);
    await().atMost(SOON).pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(nextOnOther(queue.name).statusCode()).isEqualTo(404));
  }

  @Test
  void aQueueChangedOnOneNodeLeasesWithItsNewSettingsOnTheOther() {
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    queue.ingestJson("{\"n\":1}");
    queue.ingestJson("{\"n\":2}");
    assertThat(leaseSecondsOf(nextOnOther(queue.name))).isBetween(25L, 31L);
    api.as(acme.adminToken()).body(Map.of("leaseSeconds", 600)).patch("/v1/queues/" + queue.name).then().statusCode(200);
    Response second = await().atMost(SOON).pollInterval(Duration.ofMillis(20)).until(() -> {
      Response next = nextOnOther(queue.name);
      if (next.statusCode() == 200 && leaseSecondsOf(next) < 500) {
        // The old setting: give the message back for the next look.
        onOther.as(acme.adminToken()).body(Map.of("delaySeconds", 0))
            .post(relay.path(new JsonObject(next.header("Inlet-Meta")).getString("nackUrl")));
        return null;
      }
      return next;
    }, answer -> answer != null);
    assertThat(leaseSecondsOf(second)).isBetween(590L, 601L);
  }

  @Test
  void aTokenRevokedOnOneNodeEndsItsStreamOnTheOtherAtOnce() throws Exception {
    TestQueue queue = relay.newQueue(acme, Map.of());
    String token = api.mintToken(acme.adminToken(), List.of("consume:" + queue.name));
    String tokenId = new JsonObject(Jwts.payload(token)).getString("jti");
    try (SseClient stream = SseClient.open(other.baseUrl() + "/v1/queues/" + queue.name + "/stream", token)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.awaitLine(": connected", Duration.ofSeconds(5))).isTrue();
      long revoked = System.nanoTime();
      api.as(acme.adminToken()).delete("/v1/tokens/" + tokenId).then().statusCode(204);
      // The stream's own check of its token runs every 5 s; the notice ends it well before.
      assertThat(stream.awaitEnd(Duration.ofSeconds(3))).as("the stream ended").isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked)).isLessThan(3_000);
    }
  }

  @Test
  void afterItsListenConnectionDropsANodeListensAgainAndLooksOnce() throws Exception {
    TestQueue queue = relay.newQueue(acme, Map.of());
    CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
        () -> onOther.as(acme.adminToken()).queryParam("wait", 20).get("/v1/queues/" + queue.name + "/next"));
    Thread.sleep(500); // lets the long poll reach the other node and wait there; no queue time is faked
    assertThat(waiting).as("nothing is queued yet").isNotDone();

    double reconnectsBefore = reconnects(other);
    assertThat(relay.database().dropListenConnections()).isGreaterThanOrEqualTo(2);
    // Committed while no node listens: its notification reaches nobody.
    String eventId = queue.ingestJson("{\"n\":3}");

    long started = System.nanoTime();
    Response answer = waiting.orTimeout(30, TimeUnit.SECONDS).join();
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(answer.header("Inlet-Meta")).getString("eventId")).isEqualTo(eventId);
    assertThat(waitedMillis).as("found by the look after listening again, not at the poll's end").isLessThan(10_000);
    await().atMost(SOON).untilAsserted(() -> assertThat(reconnects(other)).isEqualTo(reconnectsBefore + 1));
    assertThat(metric(other, "inlet_listen_connected")).isEqualTo(1.0);
  }

  private static HttpResponse<String> postOnOther(String endpointId) {
    return inboundOnOther.post(endpointId, "{\"hello\":true}", Map.of("Content-Type", "application/json"));
  }

  private static Response nextOnOther(String queue) {
    return onOther.as(acme.adminToken()).get("/v1/queues/" + queue + "/next");
  }

  private static long leaseSecondsOf(Response next) {
    assertThat(next.statusCode()).isEqualTo(200);
    JsonObject meta = new JsonObject(next.header("Inlet-Meta"));
    return Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(meta.getString("leaseExpiresAt"))).toSeconds();
  }

  private static double reconnects(TestRelay node) {
    return metric(node, "inlet_listen_reconnects_total");
  }

  private static double metric(TestRelay node, String name) {
    String text = new Api(node).anonymous().get("/metrics").asString();
    return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst().orElse(Double.NaN);
  }
}
