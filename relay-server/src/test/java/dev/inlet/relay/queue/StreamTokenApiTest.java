package dev.inlet.relay.queue;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streams follow their token: revoked on this node, they end at once; revoked on another, within
 * the 5 s re-check. Their unsettled leases go back. Open streams and long polls are capped per token.
 */
class StreamTokenApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  @RegisterExtension
  static final RelayExtension capped = RelayExtension.withSettings(
      Map.of("INLET_MAX_STREAMS_PER_TOKEN", "1", "INLET_MAX_LONG_POLLS_PER_TOKEN", "1"));
  static final Api api = relay.api();
  static final Api cappedApi = capped.api();
  static Api.TenantAccess acme;

  @BeforeAll
  static void start() {
    acme = relay.newTenant("acme");
  }

  @Test
  void revokingTheTokenEndsItsStreamAndGivesItsLeasesBack() throws Exception {
    api.createQueue(acme.adminToken(), "revoked-here");
    String endpoint = api.createEndpoint(acme.adminToken(), "in-revoked-here", "revoked-here");
    Response minted = api.as(acme.adminToken()).body(Map.of("scopes", List.of("consume:revoked-here")))
        .post("/v1/tokens");
    try (SseClient stream = SseClient.open(streamUrl(relay, "revoked-here"), minted.path("token"))) {
      new Inbound(relay.baseUrl()).post(endpoint, "{\"n\":1}", Map.of());
      assertThat(stream.nextMessage(Duration.ofSeconds(5))).isNotNull();
      assertThat(stats("revoked-here").getInteger("leased")).isEqualTo(1);

      api.as(acme.adminToken()).delete("/v1/tokens/" + minted.path("id")).then().statusCode(204);
      assertThat(stream.awaitEnd(Duration.ofSeconds(2))).as("the stream ends on revocation").isTrue();
    }
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(stats("revoked-here").getInteger("ready")).isEqualTo(1));
  }

  @Test
  void aTokenRevokedOnAnotherNodeEndsTheStreamWithinItsRecheck() throws Exception {
    api.createQueue(acme.adminToken(), "revoked-there");
    Response minted = api.as(acme.adminToken()).body(Map.of("scopes", List.of("consume:revoked-there")))
        .post("/v1/tokens");
    try (TestRelay other = relay.startNode();
         SseClient stream = SseClient.open(streamUrl(other, "revoked-there"), minted.path("token"))) {
      assertThat(stream.status()).isEqualTo(200);
      api.as(acme.adminToken()).delete("/v1/tokens/" + minted.path("id")).then().statusCode(204);
      assertThat(stream.awaitEnd(Duration.ofSeconds(8))).as("ended by the other node's re-check").isTrue();
    }
  }

  @Test
  void aTokenHoldsAtMostItsCapOfStreamsAndLongPolls() throws Exception {
    Api.TenantAccess tenant = capped.newTenant("capped");
    cappedApi.createQueue(tenant.adminToken(), "orders");
    String token = cappedApi.mintToken(tenant.adminToken(), List.of("consume:orders"));
    try (SseClient first = SseClient.open(streamUrl(capped, "orders"), token)) {
      assertThat(first.status()).isEqualTo(200);
      Response second = cappedApi.as(token).get("/v1/queues/orders/stream");
      assertProblem(second, 429, "rate-limited");
      assertThat(second.<String>path("detail")).contains("1 open streams");
      assertThat(second.header("Retry-After")).isNotBlank();
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      try (SseClient again = SseClient.open(streamUrl(capped, "orders"), token)) {
        assertThat(again.status()).as("a closed stream frees its place").isEqualTo(200);
      }
    });

    CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
        () -> cappedApi.as(token).queryParam("wait", 3).get("/v1/queues/orders/next"));
    Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertProblem(cappedApi.as(token).queryParam("wait", 3).get("/v1/queues/orders/next"), 429, "rate-limited"));
    assertThat(cappedApi.as(token).get("/v1/queues/orders/next").statusCode()).as("a poll that does not wait")
        .isEqualTo(204);
    assertThat(waiting.get().statusCode()).isEqualTo(204);
    assertThat(cappedApi.as(token).queryParam("wait", 1).get("/v1/queues/orders/next").statusCode()).isEqualTo(204);
  }

  private static io.vertx.core.json.JsonObject stats(String queue) {
    return new io.vertx.core.json.JsonObject(api.as(acme.adminToken()).get("/v1/queues/" + queue).asString())
        .getJsonObject("stats");
  }

  private static String streamUrl(RelayExtension target, String queue) {
    return target.baseUrl() + "/v1/queues/" + queue + "/stream";
  }

  private static String streamUrl(TestRelay target, String queue) {
    return target.baseUrl() + "/v1/queues/" + queue + "/stream";
  }
}
