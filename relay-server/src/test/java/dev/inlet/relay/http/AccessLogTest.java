package dev.inlet.relay.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * One access-log line per request, with the route template (never the raw path), status, tenant and
 * the request id — the caller's {@code X-Request-Id} when sane — which also comes back as a header,
 * in problem bodies, and in the MDC of the line, even for inbound requests answered from a batch
 * another request's callback committed.
 */
class AccessLogTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.withSettings(Map.of(
      "INLET_INGEST_BATCH_DELAY_MS", "20"));
  static final Api api = relay.api();
  static final List<ILoggingEvent> lines = new CopyOnWriteArrayList<>();
  static final Logger access = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
  static final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing(); // the MDC as it was on the logging thread
      lines.add(event);
    }
  };
  static Level before;

  @BeforeAll
  static void capture() {
    before = access.getLevel();
    access.setLevel(Level.INFO);
    capture.start();
    access.addAppender(capture);
  }

  @AfterAll
  static void release() {
    access.detachAppender(capture);
    access.setLevel(before);
  }

  @Test
  void aRequestIdIsTakenReturnedAndLoggedWithTheRouteTemplate() {
    Api.TenantAccess tenant = relay.newTenant("access");
    TestQueue queue = relay.newQueue(tenant, Map.of());
    Response response = api.as(tenant.adminToken()).header("X-Request-Id", "checkout-42:retry/1")
        .get("/v1/queues/" + queue.name);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("X-Request-Id")).isEqualTo("checkout-42:retry/1");

    ILoggingEvent line = awaitLine("checkout-42:retry/1");
    assertThat(line.getFormattedMessage()).startsWith("GET /v1/queues/{queue} 200 ")
        .contains("tenant=" + tenant.id()).doesNotContain(queue.name);
    assertThat(fields(line)).containsEntry("method", "GET").containsEntry("route", "/v1/queues/{queue}")
        .containsEntry("status", "200").containsEntry("tenant", tenant.id());
    assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "checkout-42:retry/1");
  }

  @Test
  void anUnfitRequestIdIsReplacedAndProblemsCarryTheId() {
    Response refused = api.anonymous().header("X-Request-Id", "has spaces and {braces}").get("/v1/queues");
    assertThat(refused.statusCode()).isEqualTo(401);
    String id = refused.header("X-Request-Id");
    assertThat(id).matches("req_[0-9A-Za-z]{22}");
    assertThat(refused.jsonPath().getString("requestId")).isEqualTo(id);
    ILoggingEvent line = awaitLine(id);
    assertThat(line.getFormattedMessage()).startsWith("GET /v1/queues 401 ").contains("tenant=-");

    Response unknown = api.anonymous().header("X-Request-Id", "x".repeat(129)).get("/no/such/route");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.header("X-Request-Id")).startsWith("req_");
    assertThat(unknown.jsonPath().getString("requestId")).isEqualTo(unknown.header("X-Request-Id"));
    assertThat(awaitLine(unknown.header("X-Request-Id")).getFormattedMessage()).startsWith("GET unmatched 404 ");
  }

  @Test
  void inboundLinesNameTheTemplateNotTheEndpointIdAndEachBatchedAnswerKeepsItsOwnId() throws Exception {
    Api.TenantAccess tenant = relay.newTenant("access-in");
    TestQueue queue = relay.newQueue(tenant, Map.of());
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sent.add(relay.inbound().send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/in/" + queue.endpointId))
          .header("Content-Type", "application/json").header("X-Request-Id", "in-" + i)
          .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}")).build()));
    }
    for (int i = 0; i < sent.size(); i++) {
      HttpResponse<String> answer = sent.get(i).get();
      assertThat(answer.statusCode()).isEqualTo(202);
      assertThat(answer.headers().firstValue("X-Request-Id")).hasValue("in-" + i);
    }
    for (int i = 0; i < sent.size(); i++) {
      ILoggingEvent line = awaitLine("in-" + i);
      assertThat(line.getFormattedMessage()).startsWith("POST /in/{endpointId} 202 ")
          .contains("tenant=" + tenant.id()).doesNotContain(queue.endpointId);
      // The MDC comes from the Vert.x context the line was written on: the request's own.
      assertThat(line.getMDCPropertyMap()).as("line of in-%d", i).containsEntry("requestId", "in-" + i);
    }
  }

  private static ILoggingEvent awaitLine(String requestId) {
    Awaitility.await().until(() -> lines.stream().anyMatch(l -> requestId.equals(fields(l).get("requestId"))));
    return lines.stream().filter(l -> requestId.equals(fields(l).get("requestId"))).findFirst().orElseThrow();
  }

  private static Map<String, String> fields(ILoggingEvent line) {
    return line.getKeyValuePairs() == null ? Map.of() : line.getKeyValuePairs().stream()
        .collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value), (a, b) -> b));
  }
}
