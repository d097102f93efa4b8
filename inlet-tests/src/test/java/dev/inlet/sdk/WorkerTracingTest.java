package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provider → relay → consumer as one trace: a {@code traceparent} posted with a webhook reaches the
 * Worker's handler, which runs in a CONSUMER span of the same trace whose parent is the provider's
 * span. With the OpenTelemetry SDK installed as the global one, as an application (or the agent)
 * would.
 */
class WorkerTracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PROVIDER_SPAN = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PROVIDER_SPAN + "-01";
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  private static final List<SpanData> ended = new CopyOnWriteArrayList<>();
  private static SdkTracerProvider tracerProvider;
  private final InletClient client = InletClient.builder().baseUrl(relay.baseUrl()).token(relay.adminToken()).build();

  @BeforeAll
  static void installOpenTelemetry() {
    tracerProvider = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    }).build();
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build());
  }

  @AfterAll
  static void uninstall() {
    GlobalOpenTelemetry.resetForTest();
    tracerProvider.close();
  }

  @Test
  void theWorkersHandlerRunsInASpanOfTheWebhooksTrace() throws Exception {
    TestQueue queue = relay.newQueue(30);
    queue.ingest("application/json", "{\"traced\":true}".getBytes(StandardCharsets.UTF_8),
        "traceparent", TRACEPARENT, "tracestate", "vendor=abc");
    queue.ingest("application/json", "{\"traced\":false}".getBytes(StandardCharsets.UTF_8));
    Map<String, String> traceIdSeen = new ConcurrentHashMap<>();
    Map<String, String> traceparentSeen = new ConcurrentHashMap<>();

    try (Worker worker = Worker.builder(client, queue.name).pollWait(Duration.ofSeconds(1)).handler(m -> {
      String key = new String(m.body(), StandardCharsets.UTF_8);
      traceIdSeen.put(key, Span.current().getSpanContext().getTraceId());
      traceparentSeen.put(key, String.valueOf(m.traceparent()));
    }).build().start()) {
      Eventually.within(Duration.ofSeconds(15), () -> worker.stats().processed() == 2);
    }

    assertThat(traceparentSeen).containsEntry("{\"traced\":true}", TRACEPARENT)
        .containsEntry("{\"traced\":false}", "null");
    assertThat(traceIdSeen.get("{\"traced\":true}")).isEqualTo(TRACE_ID);
    assertThat(traceIdSeen.get("{\"traced\":false}")).isNotEqualTo(TRACE_ID).hasSize(32);

    SpanData span = ended.stream().filter(s -> s.getTraceId().equals(TRACE_ID)).findFirst().orElseThrow();
    assertThat(span.getName()).isEqualTo("process " + queue.name);
    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(span.getParentSpanId()).isEqualTo(PROVIDER_SPAN);
    assertThat(span.getParentSpanContext().isRemote()).isTrue();
    assertThat(span.getSpanContext().getTraceState().get("vendor")).isEqualTo("abc");
    assertThat(span.getAttributes().asMap().toString()).contains("messaging.destination.name=" + queue.name);
  }
}
