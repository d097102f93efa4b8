package dev.inlet.relay.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The W3C trace context (https://www.w3.org/TR/trace-context/) a provider sent with a webhook, kept
 * with the event and handed to its consumers, so one trace runs provider → relay → consumer. A
 * malformed {@code traceparent} is ignored, never refused (the webhook matters more than its trace),
 * and takes its {@code tracestate} with it.
 */
public record TraceContext(String traceparent, String tracestate) {
  /** version-traceid-parentid-flags, lower-case hex; all-zero ids and version ff are invalid. */
  private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_PARENT = "0".repeat(16);
  /** The spec's limits: 32 list members; 512 characters is what a vendor may rely on being passed on. */
  private static final int MAX_TRACESTATE_LENGTH = 512;
  private static final int MAX_TRACESTATE_MEMBERS = 32;
  private static final Pattern TRACESTATE_MEMBER = Pattern.compile(
      "[a-z0-9][_0-9a-z\\-*/]{0,255}(@[a-z][_0-9a-z\\-*/]{0,13})?=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

  /** The trace context of these headers (names lower case, each to its values), or null if none is valid. */
  public static TraceContext of(JsonObject headers) {
    String traceparent = single(headers, "traceparent");
    if (traceparent == null || !validTraceparent(traceparent)) {
      return null;
    }
    // A later version may append fields: keep the part this version defines.
    traceparent = traceparent.substring(0, 55);
    return new TraceContext(traceparent, tracestate(headers));
  }

  static boolean validTraceparent(String value) {
    if (value.length() < 55 || !TRACEPARENT.matcher(value.substring(0, 55)).matches()) {
      return false;
    }
    String version = value.substring(0, 2);
    if (version.equals("ff") || (version.equals("00") && value.length() != 55)
        || (value.length() > 55 && value.charAt(55) != '-')) {
      return false;
    }
    return !value.substring(3, 35).equals(ZERO_TRACE) && !value.substring(36, 52).equals(ZERO_PARENT);
  }

  /** The header's value if it came once; a repeated traceparent is invalid. */
  private static String single(JsonObject headers, String name) {
    Object value = headers.getValue(name);
    if (value instanceof JsonArray values) {
      return values.size() == 1 ? values.getString(0).trim() : null;
    }
    return value instanceof String text ? text.trim() : null;
  }

  /** Repeated tracestate headers join with commas (RFC 9110); an invalid one is dropped whole. */
  private static String tracestate(JsonObject headers) {
    Object value = headers.getValue("tracestate");
    String joined = value instanceof JsonArray values ? values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
        : value instanceof String text ? text : null;
    if (joined == null || joined.isBlank() || joined.length() > MAX_TRACESTATE_LENGTH) {
      return null;
    }
    StringBuilder kept = new StringBuilder();
    int members = 0;
    for (String member : joined.split(",")) {
      String trimmed = member.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!TRACESTATE_MEMBER.matcher(trimmed).matches() || ++members > MAX_TRACESTATE_MEMBERS) {
        return null;
      }
      kept.append(kept.length() == 0 ? "" : ",").append(trimmed);
    }
    return kept.length() == 0 ? null : kept.toString();
  }
}
