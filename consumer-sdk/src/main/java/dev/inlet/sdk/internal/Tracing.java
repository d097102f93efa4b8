package dev.inlet.sdk.internal;

import dev.inlet.sdk.Message;

/**
 * Runs a handler inside a span continuing the message's trace, when the OpenTelemetry API is on the
 * classpath; without it, runs the handler as it is. The SDK has no runtime dependency on
 * OpenTelemetry: {@link OpenTelemetryTracing} is only loaded once the API is known to be there.
 */
public interface Tracing {
  /** The work a span wraps. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  /** Runs {@code work} for {@code message}, its exception passed on unchanged. */
  void traced(Message message, Work work) throws Exception;

  /** No spans: the handler runs as it is. */
  Tracing NONE = (message, work) -> work.run();

  /** OpenTelemetry's tracing when its API is on the classpath, else {@link #NONE}. */
  static Tracing detect() {
    try {
      Class.forName("io.opentelemetry.api.GlobalOpenTelemetry", false, Tracing.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError absent) {
      return NONE;
    }
    return new OpenTelemetryTracing();
  }
}
