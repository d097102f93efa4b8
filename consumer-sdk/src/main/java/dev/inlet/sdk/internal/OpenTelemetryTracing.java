package dev.inlet.sdk.internal;

import dev.inlet.sdk.Message;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/**
 * A CONSUMER span per handled message ({@code process <queue>}, OpenTelemetry's messaging
 * conventions), its parent the trace context the provider sent with the webhook, if any. The relay
 * passes that context on as W3C fields, so it is read with the W3C propagator whatever the
 * application configured. Uses the global OpenTelemetry: whatever the application (or the Java
 * agent) installed, a no-op otherwise.
 */
final class OpenTelemetryTracing implements Tracing {
  private static final TextMapGetter<Message> META = new TextMapGetter<>() {
    // Still abstract in the interface, though deprecated: a getter must implement it.
    @SuppressWarnings("deprecation")
    @Override
    public Iterable<String> keys(Message message) {
      return List.of("traceparent", "tracestate");
    }

    @Override
    public String get(Message message, String key) {
      if (message == null) {
        return null;
      }
      return switch (key) {
        case "traceparent" -> message.traceparent();
        case "tracestate" -> message.tracestate();
        default -> null;
      };
    }
  };

  @Override
  @SuppressWarnings("try") // the scope is only closed, never read: that is how a span becomes current
  public void traced(Message message, Work work) throws Exception {
    Tracer tracer = GlobalOpenTelemetry.getTracer("dev.inlet.sdk");
    Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), message, META);
    Span span = tracer.spanBuilder("process " + message.queue())
        .setParent(parent)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "inlet")
        .setAttribute("messaging.operation.type", "process")
        .setAttribute("messaging.destination.name", String.valueOf(message.queue()))
        .setAttribute("messaging.message.id", message.id())
        .setAttribute("inlet.event.id", String.valueOf(message.eventId()))
        .setAttribute("inlet.delivery.attempt", message.attempt())
        .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      work.run();
    } catch (Exception | Error e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }
}
