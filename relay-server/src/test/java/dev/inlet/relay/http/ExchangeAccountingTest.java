package dev.inlet.relay.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.Signatures;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.TestQueue;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every exchange that ends — answered, refused with its connection closed, or left by its client —
 * gives back what it held: its place among the requests a stop waits for, and its share of the
 * node's body budget. (A refusal that closed its connection once replaced the handler that does
 * this: each such request stayed "in flight" for good and a stop waited out its timeout.)
 */
class ExchangeAccountingTest {
  @RegisterExtension
  static final RelayExtension relay = RelayExtension.withSettings(Map.of("INLET_VERIFY_FAILURES_PER_SECOND", "1",
      "INLET_VERIFY_FAILURE_DELAY_MS", "50"));
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();

  @Test
  void refusedClosedAndAbandonedExchangesAllEnd() throws Exception {
    TestQueue queue = relay.newQueue(30);
    String small = api.as(relay.adminToken()).body(Map.of("name", "small", "maxBodyBytes", 1000,
            "verification", Map.of("scheme", "none"), "routes", List.of(Map.of("queue", queue.name))))
        .post("/v1/endpoints").then().statusCode(201).extract().<String>path("id");
    String github = api.as(relay.adminToken()).body(Map.of("name", "github",
            "verification", Map.of("scheme", "github", "secrets", List.of("gh-secret")),
            "routes", List.of(Map.of("queue", queue.name))))
        .post("/v1/endpoints").then().statusCode(201).extract().<String>path("id");

    String tooBig = "x".repeat(200_000);
    for (int i = 0; i < 3; i++) {
      assertThat(inbound.post(small, tooBig, Map.of("Content-Type", "text/plain")).statusCode()).isEqualTo(413);
      assertThat(inbound.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/in/" + small))
          .header("Content-Type", "text/plain")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig.getBytes())))
          .build()).join().statusCode()).isEqualTo(413);
    }
    int limited = 0;
    for (int i = 0; i < 6; i++) {
      int status = inbound.post(github, tooBig, Map.of("X-Hub-Signature-256", Signatures.github("wrong", tooBig),
          "X-GitHub-Delivery", UUID.randomUUID().toString())).statusCode();
      assertThat(status).isIn(401, 429);
      limited += status == 429 ? 1 : 0;
    }
    assertThat(limited).as("some were refused unread").isPositive();
    try (SseClient stream = SseClient.open(relay.baseUrl() + "/v1/queues/" + queue.name + "/stream",
        relay.adminToken())) {
      assertThat(stream.status()).isEqualTo(200);
    }

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(relay.relay().requestsInFlight()).as("requests still counted as in flight").isZero();
      assertThat(pendingBodyBytes()).as("body budget still held").isZero();
    });
  }

  private static double pendingBodyBytes() {
    String metrics = api.anonymous().get("/metrics").asString();
    return metrics.lines().filter(line -> line.startsWith("inlet_ingest_pending_bytes"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
