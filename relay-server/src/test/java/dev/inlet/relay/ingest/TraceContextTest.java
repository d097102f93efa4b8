package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Which trace contexts are kept, by the W3C Trace Context rules; the rest are ignored. */
class TraceContextTest {
  static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void aValidTraceparentIsKeptWithItsTracestate() {
    TraceContext trace = TraceContext.of(headers(VALID, "rojo=00f067aa0ba902b7, congo=t61rcWkgMzE"));
    assertThat(trace).isEqualTo(new TraceContext(VALID, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"));
    assertThat(TraceContext.of(headers(VALID, null))).isEqualTo(new TraceContext(VALID, null));
  }

  @Test
  void malformedTraceparentsAreIgnored() {
    for (String bad : new String[] {
        "", "garbage", VALID.toUpperCase(), VALID + "-extra", VALID.substring(1),
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01"}) {
      assertThat(TraceContext.of(headers(bad, "rojo=1"))).as(bad).isNull();
    }
    assertThat(TraceContext.of(new JsonObject())).isNull();
    JsonObject twice = new JsonObject().put("traceparent", new JsonArray().add(VALID).add(VALID));
    assertThat(TraceContext.of(twice)).as("a repeated traceparent").isNull();
  }

  @Test
  void aLaterVersionKeepsTheFieldsThisVersionDefines() {
    String later = "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes-next";
    assertThat(TraceContext.of(headers(later, null)).traceparent()).isEqualTo(later.substring(0, 55));
  }

  @Test
  void anInvalidTracestateIsDroppedAndTheTraceparentKept() {
    for (String bad : new String[] {"no-equals-sign", "UPPER=1", "a=1,".repeat(40), "x=" + "v".repeat(600)}) {
      assertThat(TraceContext.of(headers(VALID, bad))).as(bad).isEqualTo(new TraceContext(VALID, null));
    }
  }

  private static JsonObject headers(String traceparent, String tracestate) {
    JsonObject headers = new JsonObject().put("traceparent", new JsonArray().add(traceparent));
    if (tracestate != null) {
      headers.put("tracestate", new JsonArray().add(tracestate));
    }
    return headers;
  }
}
