package dev.inlet.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.TestQueue;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message made visible again on one node — nacked, released by a closing stream, redriven — wakes
 * a long poll waiting on another node at once, not when that poll's own timer or wait runs out.
 */
class CrossNodeWakeupApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Api.TenantAccess acme = relay.newTenant("acme");
  static TestRelay other;
  static Api onOther;

  @BeforeAll
  static void startTheOtherNode() {
    other = relay.startNode();
    onOther = new Api(other);
  }

  @AfterAll
  static void stopIt() {
    other.close();
  }

  @Test
  void aNackWithoutDelayWakesAWaiterOnTheOtherNode() {
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 120));
    queue.ingestJson("{\"n\":1}");
    JsonObject meta = new JsonObject(api.as(acme.adminToken()).get("/v1/queues/" + queue.name + "/next")
        .header("Inlet-Meta"));
    CompletableFuture<Response> waiting = longPollOnOther(queue);
    assertThat(api.as(acme.adminToken()).body(Map.of("delaySeconds", 0)).post(relay.path(meta.getString("nackUrl")))
        .statusCode()).isEqualTo(204);
    assertDeliveredSoon(waiting, meta.getString("messageId"));
  }

  @Test
  void aRedriveWakesAWaiterOnTheOtherNode() {
    TestQueue queue = relay.newQueue(acme, Map.of());
    queue.ingestJson("{\"n\":2}");
    JsonObject meta = new JsonObject(api.as(acme.adminToken()).get("/v1/queues/" + queue.name + "/next")
        .header("Inlet-Meta"));
    assertThat(api.as(acme.adminToken()).body(Map.of("reason", "bad")).post(relay.path(meta.getString("rejectUrl")))
        .statusCode()).isEqualTo(204);
    CompletableFuture<Response> waiting = longPollOnOther(queue);
    assertThat(api.as(acme.adminToken()).post("/v1/queues/" + queue.name + "/redrive").statusCode()).isEqualTo(200);
    assertDeliveredSoon(waiting, meta.getString("messageId"));
  }

  @Test
  void aStreamClosingOnOneNodeHandsItsMessageToAWaiterOnTheOther() throws Exception {
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 120));
    queue.ingestJson("{\"n\":3}");
    String messageId;
    CompletableFuture<Response> waiting;
    try (SseClient stream = SseClient.open(relay.baseUrl() + "/v1/queues/" + queue.name + "/stream?prefetch=1",
        acme.adminToken())) {
      JsonObject delivered = stream.nextMessage(Duration.ofSeconds(10));
      assertThat(delivered).isNotNull();
      messageId = delivered.getJsonObject("meta").getString("messageId");
      waiting = longPollOnOther(queue);
    }
    assertDeliveredSoon(waiting, messageId);
  }

  /** A 15 s long poll on the other node, begun (and given time to start waiting) before the change. */
  private static CompletableFuture<Response> longPollOnOther(TestQueue queue) {
    CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
        () -> onOther.as(acme.adminToken()).queryParam("wait", 15).get("/v1/queues/" + queue.name + "/next"));
    try {
      Thread.sleep(500); // lets the request reach the other node and wait there; no queue time is faked
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(waiting).as("nothing is visible yet").isNotDone();
    return waiting;
  }

  /** Well before the 15 s the poll would otherwise wait (the change's own timing is not asserted). */
  private static void assertDeliveredSoon(CompletableFuture<Response> waiting, String messageId) {
    long started = System.nanoTime();
    Response answer = waiting.orTimeout(20, TimeUnit.SECONDS).join();
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(answer.header("Inlet-Meta")).getString("messageId")).isEqualTo(messageId);
    assertThat(waitedMillis).as("woken by the other node's change, not by its own wait running out").isLessThan(8_000);
  }
}
