package dev.inlet.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.TestQueue;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A receive answer and a stream's unsettled messages are bounded by bytes as well as count. */
class DeliveryBytesApiTest {
  @RegisterExtension
  static final RelayExtension relay = RelayExtension.withSettings(Map.of("INLET_DELIVERY_MAX_BYTES", "100000"));
  static final Api api = relay.api();

  private static String body(int n) {
    return "{\"n\":" + n + ",\"pad\":\"" + "x".repeat(40_000) + "\"}";
  }

  @Test
  void receiveAnswersAsManyAsFitAndGivesTheRestBackUntouched() {
    TestQueue queue = relay.newQueue(30);
    for (int i = 0; i < 5; i++) {
      queue.ingestJson(body(i));
    }
    Response first = api.as(relay.adminToken()).body(Map.of("max", 10)).post("/v1/queues/" + queue.name + "/receive");
    assertThat(first.<List<Object>>path("")).as("two 40 kB bodies fit in 100 kB, three do not").hasSize(2);
    assertThat(queue.stats().path("leased").asInt()).isEqualTo(2);
    assertThat(queue.stats().path("ready").asInt()).isEqualTo(3);

    Response second = api.as(relay.adminToken()).body(Map.of("max", 10)).post("/v1/queues/" + queue.name + "/receive");
    assertThat(second.<List<Integer>>path("meta.attempt")).as("returned leases cost no attempt").containsOnly(1);
    assertThat(second.<List<Integer>>path("body.n")).containsExactly(2, 3);
  }

  @Test
  void aBodyLargerThanTheBoundStillGoesAlone() {
    TestQueue queue = relay.newQueue(30);
    queue.ingestJson("{\"pad\":\"" + "y".repeat(150_000) + "\"}");
    queue.ingestJson(body(1));
    Response answer = api.as(relay.adminToken()).body(Map.of("max", 10)).post("/v1/queues/" + queue.name + "/receive");
    assertThat(answer.<List<Object>>path("")).hasSize(1);
  }

  @Test
  void aStreamHoldsNoMoreUnsettledBytesThanTheBound() throws Exception {
    TestQueue queue = relay.newQueue(30);
    for (int i = 0; i < 4; i++) {
      queue.ingestJson(body(i));
    }
    try (SseClient stream = SseClient.open(relay.baseUrl() + "/v1/queues/" + queue.name + "/stream?prefetch=10",
        relay.adminToken())) {
      JsonObject a = stream.nextMessage(Duration.ofSeconds(5));
      JsonObject b = stream.nextMessage(Duration.ofSeconds(5));
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
      assertThat(stream.nextMessage(Duration.ofMillis(1_500))).as("a third would pass 100 kB").isNull();
      api.as(relay.adminToken()).post(relay.path(a.getJsonObject("meta").getString("ackUrl"))).then().statusCode(204);
      assertThat(stream.nextMessage(Duration.ofSeconds(5))).as("an ack makes room").isNotNull();
    }
  }
}
