package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.TestQueue;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A W3C {@code traceparent} (and {@code tracestate}) posted with a webhook is kept with the event
 * and comes out in the meta of every way to consume it: {@code next} (the {@code Inlet-Meta}
 * header), {@code receive} (envelopes) and the SSE stream. A malformed one is ignored, not refused.
 */
class TraceContextApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  static final String TRACESTATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";

  @Test
  void aTraceparentPostedWithAWebhookComesOutInNextReceiveAndStreamMeta() throws Exception {
    Api.TenantAccess tenant = relay.newTenant("trace");
    TestQueue queue = relay.newQueue(tenant, Map.of());
    String first = null;
    for (int i = 0; i < 3; i++) {
      first = queue.ingest("application/json", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
          "traceparent", TRACEPARENT, "tracestate", TRACESTATE);
    }

    Response event = api.as(tenant.adminToken()).get("/v1/events/" + first);
    assertThat(event.<String>path("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(event.<String>path("tracestate")).isEqualTo(TRACESTATE);

    Response next = api.as(tenant.adminToken()).get("/v1/queues/" + queue.name + "/next");
    assertThat(next.statusCode()).isEqualTo(200);
    JsonObject meta = new JsonObject(next.header("Inlet-Meta"));
    assertThat(meta.getString("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(meta.getString("tracestate")).isEqualTo(TRACESTATE);

    Response received = api.as(tenant.adminToken()).body(Map.of("max", 1)).post("/v1/queues/" + queue.name + "/receive");
    assertThat(received.statusCode()).isEqualTo(200);
    JsonObject envelope = new JsonArray(received.asString()).getJsonObject(0);
    assertThat(envelope.getJsonObject("meta").getString("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(envelope.getJsonObject("meta").getString("tracestate")).isEqualTo(TRACESTATE);

    try (SseClient stream = SseClient.open(relay.baseUrl() + "/v1/queues/" + queue.name + "/stream",
        tenant.adminToken())) {
      JsonObject streamed = stream.nextMessage(Duration.ofSeconds(10));
      assertThat(streamed).isNotNull();
      assertThat(streamed.getJsonObject("meta").getString("traceparent")).isEqualTo(TRACEPARENT);
      assertThat(streamed.getJsonObject("meta").getString("tracestate")).isEqualTo(TRACESTATE);
    }
  }

  @Test
  void aMalformedTraceparentIsIgnoredAndTheWebhookStillAccepted() {
    Api.TenantAccess tenant = relay.newTenant("trace-bad");
    TestQueue queue = relay.newQueue(tenant, Map.of());
    String eventId = queue.ingest("application/json", "{\"bad\":1}".getBytes(StandardCharsets.UTF_8),
        "traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "tracestate", TRACESTATE);
    assertThat(eventId).startsWith("evt_");
    Response event = api.as(tenant.adminToken()).get("/v1/events/" + eventId);
    assertThat(event.statusCode()).isEqualTo(200);
    assertThat(event.<String>path("traceparent")).isNull();
    queue.ingest("application/json", "{\"none\":1}".getBytes(StandardCharsets.UTF_8));

    for (int i = 0; i < 2; i++) {
      Response next = api.as(tenant.adminToken()).get("/v1/queues/" + queue.name + "/next");
      assertThat(next.statusCode()).isEqualTo(200);
      JsonObject meta = new JsonObject(next.header("Inlet-Meta"));
      assertThat(meta.containsKey("traceparent")).as("%s", meta).isFalse();
      assertThat(meta.containsKey("tracestate")).as("%s", meta).isFalse();
    }
  }
}
