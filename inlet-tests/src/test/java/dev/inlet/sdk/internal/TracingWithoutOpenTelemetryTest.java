package dev.inlet.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry is optional at run time: with the SDK's classes and Jackson only (no
 * {@code io.opentelemetry} anywhere), tracing is off and nothing fails to load; with it, spans.
 */
class TracingWithoutOpenTelemetryTest {

  @Test
  void withoutTheApiOnTheClasspathTracingIsOffAndLoadsNothingOfIt() throws Exception {
    URL sdk = Tracing.class.getProtectionDomain().getCodeSource().getLocation();
    URL jackson = JsonNode.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader bare = new URLClassLoader(new URL[] {sdk, jackson}, ClassLoader.getPlatformClassLoader())) {
      assertThat(bare.getResource("io/opentelemetry/api/GlobalOpenTelemetry.class")).isNull();
      Class<?> tracing = Class.forName(Tracing.class.getName(), true, bare);
      Object detected = tracing.getMethod("detect").invoke(null);
      assertThat(detected).isSameAs(tracing.getField("NONE").get(null));
    }
  }

  @Test
  void withTheApiOnTheClasspathTracingMakesSpans() {
    assertThat(Tracing.detect()).isInstanceOf(OpenTelemetryTracing.class);
  }
}
