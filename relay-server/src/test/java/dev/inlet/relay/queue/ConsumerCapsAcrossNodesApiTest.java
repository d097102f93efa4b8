package dev.inlet.relay.queue;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A token's caps on open streams and waiting long polls count its holds on every node: what it
 * holds on one node is refused on the other once the nodes have reported (every second), and a
 * place freed on one node is free on the other as soon.
 */
class ConsumerCapsAcrossNodesApiTest {
  static final Map<String, String> CAPPED = Map.of("INLET_MAX_STREAMS_PER_TOKEN", "1",
      "INLET_MAX_LONG_POLLS_PER_TOKEN", "1");
  @RegisterExtension static final RelayExtension relay = RelayExtension.withSettings(CAPPED);
  static final Api api = relay.api();
  static TestRelay other;
  static Api onOther;

  @BeforeAll
  static void startTheOtherNode() {
    other = TestRelay.start(relay.relay().databaseUrl(), CAPPED);
    onOther = new Api(other);
  }

  @AfterAll
  static void stopIt() {
    other.close();
  }

  @Test
  void aStreamOpenOnOneNodeTakesTheTokensPlaceOnTheOther() throws Exception {
    Api.TenantAccess tenant = relay.newTenant("streams-across");
    api.createQueue(tenant.adminToken(), "orders");
    String token = api.mintToken(tenant.adminToken(), List.of("consume:orders"));
    try (SseClient first = SseClient.open(relay.baseUrl() + "/v1/queues/orders/stream", token)) {
      assertThat(first.status()).isEqualTo(200);
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        try (SseClient second = SseClient.open(other.baseUrl() + "/v1/queues/orders/stream", token)) {
          assertThat(second.status()).as("refused on the other node").isEqualTo(429);
        }
      });
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      try (SseClient again = SseClient.open(other.baseUrl() + "/v1/queues/orders/stream", token)) {
        assertThat(again.status()).as("the place freed on the first node").isEqualTo(200);
      }
    });
  }

  @Test
  void aLongPollWaitingOnOneNodeTakesTheTokensPlaceOnTheOther() throws Exception {
    Api.TenantAccess tenant = relay.newTenant("polls-across");
    api.createQueue(tenant.adminToken(), "orders");
    String token = api.mintToken(tenant.adminToken(), List.of("consume:orders"));
    CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
        () -> api.as(token).queryParam("wait", 10).get("/v1/queues/orders/next"));
    Awaitility.await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
      Response refused = onOther.as(token).queryParam("wait", 1).get("/v1/queues/orders/next");
      assertProblem(refused, 429, "rate-limited");
      assertThat(refused.<String>path("detail")).contains("1 open long polls");
    });
    assertThat(waiting.get().statusCode()).isEqualTo(204);
  }
}
