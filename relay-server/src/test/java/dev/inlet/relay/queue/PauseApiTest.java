package dev.inlet.relay.queue;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.TestQueue;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PauseApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();

  @Test
  void aPausedQueueKeepsTakingEventsInButLeasesNone() {
    TestQueue queue = relay.newQueue(30);
    Response paused = api.as(relay.adminToken()).post("/v1/queues/" + queue.name + "/pause");
    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(paused.<Boolean>path("paused")).isTrue();

    queue.ingestJson("{\"while\":\"paused\",\"n\":1}");
    queue.ingestJson("{\"while\":\"paused\",\"n\":2}");
    assertThat(queue.stats().path("ready").asInt()).as("ingest still enqueues").isEqualTo(2);
    assertThat(queue.stats().path("paused").asBoolean()).isTrue();
    assertThat(api.read(relay.adminToken(), "/v1/queues/" + queue.name).path("paused").asBoolean()).isTrue();

    assertThat(api.as(relay.adminToken()).get("/v1/queues/" + queue.name + "/next").statusCode()).isEqualTo(204);
    assertThat(api.as(relay.adminToken()).body(Map.of("max", 10)).post("/v1/queues/" + queue.name + "/receive")
        .<List<Object>>path("")).isEmpty();
    assertThat(api.as(relay.adminToken()).queryParam("wait", 1).get("/v1/queues/" + queue.name + "/next")
        .statusCode()).as("a long poll waits out its time").isEqualTo(204);

    Response resumed = api.as(relay.adminToken()).post("/v1/queues/" + queue.name + "/resume");
    assertThat(resumed.<Boolean>path("paused")).isFalse();
    assertThat(api.as(relay.adminToken()).body(Map.of("max", 10)).post("/v1/queues/" + queue.name + "/receive")
        .<List<Object>>path("")).hasSize(2);
  }

  @Test
  void resumeWakesAWaitingLongPollAtOnce() {
    TestQueue queue = relay.newQueue(30);
    api.as(relay.adminToken()).post("/v1/queues/" + queue.name + "/pause").then().statusCode(200);
    queue.ingestJson("{\"waiting\":1}");
    CompletableFuture<Response> polling = CompletableFuture.supplyAsync(
        () -> api.as(relay.adminToken()).queryParam("wait", 20).get("/v1/queues/" + queue.name + "/next"));
    sleep(1_000);
    assertThat(polling).as("still waiting while paused").isNotDone();
    long resumed = System.nanoTime();
    api.as(relay.adminToken()).post("/v1/queues/" + queue.name + "/resume").then().statusCode(200);
    Response response = polling.join();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat((System.nanoTime() - resumed) / 1_000_000).as("woken by the resume, not the end of the wait")
        .isLessThan(10_000);
  }

  @Test
  void resumeOnOneNodeWakesALongPollOnAnother() {
    TestQueue queue = relay.newQueue(30);
    api.as(relay.adminToken()).post("/v1/queues/" + queue.name + "/pause").then().statusCode(200);
    queue.ingestJson("{\"cross-node\":1}");
    try (TestRelay other = relay.startNode()) {
      Api otherApi = new Api(other);
      CompletableFuture<Response> polling = CompletableFuture.supplyAsync(
          () -> otherApi.as(relay.adminToken()).queryParam("wait", 20).get("/v1/queues/" + queue.name + "/next"));
      sleep(1_000);
      assertThat(polling).isNotDone();
      long resumed = System.nanoTime();
      api.as(relay.adminToken()).post("/v1/queues/" + queue.name + "/resume").then().statusCode(200);
      assertThat(polling.join().statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - resumed) / 1_000_000).isLessThan(10_000);
    }
  }

  @Test
  void aStreamStaysOpenAndIdleWhilePausedAndDeliversOnResume() throws Exception {
    TestQueue queue = relay.newQueue(30);
    api.as(relay.adminToken()).post("/v1/queues/" + queue.name + "/pause").then().statusCode(200);
    try (SseClient stream = SseClient.open(relay.baseUrl() + "/v1/queues/" + queue.name + "/stream",
        relay.adminToken())) {
      assertThat(stream.status()).isEqualTo(200);
      queue.ingestJson("{\"streamed\":1}");
      assertThat(stream.nextMessage(Duration.ofMillis(1_500))).as("nothing while paused").isNull();
      api.as(relay.adminToken()).post("/v1/queues/" + queue.name + "/resume").then().statusCode(200);
      assertThat(stream.nextMessage(Duration.ofSeconds(10))).as("delivered once resumed").isNotNull();
    }
  }

  @Test
  void pausingAnotherTenantsQueueIsNotFound(Api.TenantAccess other) {
    TestQueue queue = relay.newQueue(30);
    assertProblem(api.as(other.adminToken()).post("/v1/queues/" + queue.name + "/pause"), 404, "not-found");
    assertProblem(api.as(other.adminToken()).post("/v1/queues/" + queue.name + "/resume"), 404, "not-found");
    assertThat(queue.stats().path("paused").asBoolean()).isFalse();
  }

  @Test
  void aConsumerTokenMayNotPause() {
    TestQueue queue = relay.newQueue(30);
    String consumer = relay.mintToken(List.of("consume:" + queue.name));
    assertProblem(api.as(consumer).post("/v1/queues/" + queue.name + "/pause"), 403, "forbidden");
    assertThat(queue.stats().path("paused").asBoolean()).isFalse();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
