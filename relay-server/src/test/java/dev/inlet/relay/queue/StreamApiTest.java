package dev.inlet.relay.queue;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.SseClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamApiTest {
  @RegisterExtension
  static final RelayExtension relay = RelayExtension.withSettings(Map.of("INLET_STREAM_KEEPALIVE_MS", "300"));
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();
  static final Api.TenantAccess acme = relay.newTenant("acme");

  @Test
  void messagesAreStreamedAsEventsAndNewOnesArriveWhileOpen() throws Exception {
    String queue = newQueue();
    String endpoint = api.createEndpoint(acme.adminToken(), "ep-" + queue, queue);
    ingest(endpoint, "{\"first\":1}");
    try (SseClient stream = SseClient.open(streamUrl(queue, "prefetch=10"), acme.adminToken())) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.contentType()).startsWith("text/event-stream");
      JsonObject first = stream.nextMessage(Duration.ofSeconds(5));
      assertThat(first.getJsonObject("body").getInteger("first")).isEqualTo(1);
      assertThat(first.getJsonObject("meta").getString("ackUrl")).contains("/ack?lease=");

      ingest(endpoint, "{\"second\":2}");
      JsonObject second = stream.nextMessage(Duration.ofSeconds(5));
      assertThat(second).isNotNull();
      assertThat(second.getJsonObject("body").getInteger("second")).isEqualTo(2);
    }
  }

  @Test
  void atMostPrefetchMessagesAreUnsettledAndAnAckMakesRoomForTheNext() throws Exception {
    String queue = newQueue();
    String endpoint = api.createEndpoint(acme.adminToken(), "ep-" + queue, queue);
    for (int i = 0; i < 5; i++) {
      ingest(endpoint, "{\"i\":" + i + "}");
    }
    try (SseClient stream = SseClient.open(streamUrl(queue, "prefetch=2"), acme.adminToken())) {
      JsonObject a = stream.nextMessage(Duration.ofSeconds(5));
      JsonObject b = stream.nextMessage(Duration.ofSeconds(5));
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
      assertThat(stream.nextMessage(Duration.ofMillis(1_500))).as("a third before any ack").isNull();

      api.as(acme.adminToken()).post(path(a.getJsonObject("meta").getString("ackUrl"))).then().statusCode(204);
      JsonObject c = stream.nextMessage(Duration.ofSeconds(5));
      assertThat(c).isNotNull();
      assertThat(c.getJsonObject("body").getInteger("i")).isEqualTo(2);
      assertThat(stream.nextMessage(Duration.ofMillis(800))).isNull();
    }
  }

  @Test
  void keepaliveCommentsFlowWhileTheQueueIsQuiet() throws Exception {
    String queue = newQueue();
    try (SseClient stream = SseClient.open(streamUrl(queue, ""), acme.adminToken())) {
      assertThat(stream.awaitLine(": keepalive", Duration.ofSeconds(5))).isTrue();
      assertThat(stream.awaitLine(": keepalive", Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void unsettledLeasesGoBackAtOnceWhenTheStreamCloses() throws Exception {
    String queue = newQueue();
    String endpoint = api.createEndpoint(acme.adminToken(), "ep-" + queue, queue);
    for (int i = 0; i < 3; i++) {
      ingest(endpoint, "{\"i\":" + i + "}");
    }
    Set<String> streamed = new HashSet<>();
    try (SseClient stream = SseClient.open(streamUrl(queue, "prefetch=3&lease=600"), acme.adminToken())) {
      for (int i = 0; i < 3; i++) {
        streamed.add(stream.nextMessage(Duration.ofSeconds(5)).getJsonObject("meta").getString("messageId"));
      }
    }
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> new JsonObject(api.as(acme.adminToken()).get("/v1/queues/" + queue).asString())
            .getJsonObject("stats").getInteger("ready") == 3);
    Set<String> again = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      again.add(new JsonObject(api.as(acme.adminToken()).get("/v1/queues/" + queue + "/next").header("Inlet-Meta"))
          .getString("messageId"));
    }
    assertThat(again).isEqualTo(streamed);
  }

  @Test
  void theStreamAloneTakesItsTokenInTheUrl() throws Exception {
    String queue = newQueue();
    String consumer = api.mintToken(acme.adminToken(), List.of("consume:" + queue));
    try (SseClient stream = SseClient.open(streamUrl(queue, "access_token=" + consumer), null)) {
      assertThat(stream.status()).isEqualTo(200);
    }
    assertProblem(api.anonymous().queryParam("access_token", consumer).get("/v1/queues/" + queue + "/next"), 401,
        "unauthorized");
    try (SseClient refused = SseClient.open(streamUrl(queue, "access_token=forged"), null)) {
      assertThat(refused.status()).isEqualTo(401);
    }
    String other = api.mintToken(acme.adminToken(), List.of("consume:someone-else"));
    try (SseClient forbidden = SseClient.open(streamUrl(queue, ""), other)) {
      assertThat(forbidden.status()).isEqualTo(403);
    }
  }

  @Test
  void outOfRangePrefetchIsAValidationProblem() {
    String queue = newQueue();
    assertProblem(api.as(acme.adminToken()).queryParam("prefetch", 0).get("/v1/queues/" + queue + "/stream"), 400,
        "validation");
    assertProblem(api.as(acme.adminToken()).queryParam("prefetch", 1001).get("/v1/queues/" + queue + "/stream"), 400,
        "validation");
  }

  private static void ingest(String endpoint, String body) {
    assertThat(inbound.post(endpoint, body, Map.of()).statusCode()).isEqualTo(202);
  }

  private static String newQueue() {
    String name = "s-" + UUID.randomUUID().toString().substring(0, 8);
    api.createQueue(acme.adminToken(), name);
    return name;
  }

  private static String streamUrl(String queue, String query) {
    return relay.baseUrl() + "/v1/queues/" + queue + "/stream" + (query.isEmpty() ? "" : "?" + query);
  }

  private static String path(String url) {
    return relay.path(url);
  }
}
