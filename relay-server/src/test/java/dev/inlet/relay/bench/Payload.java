package dev.inlet.relay.bench;

import dev.inlet.relay.testing.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every benchmark request carries: one 1 KB JSON body signed once, and a fresh provider event
 * id each time so that every request is a new event.
 */
final class Payload {
  static final String SECRET = "bench-secret-0123456789abcdef";
  static final String SIGNATURE_HEADER = "X-Signature";
  static final String EVENT_ID_HEADER = "X-Event-Id";
  static final String USER_AGENT = "inlet-bench/1";
  static final int BODY_BYTES = 1024;

  private final byte[] body;
  private final String signature;
  private final String runPrefix = "evt_" + Long.toHexString(System.nanoTime()) + "_";
  private final AtomicLong counter = new AtomicLong();

  Payload() {
    this.body = jsonBody(BODY_BYTES).getBytes(StandardCharsets.UTF_8);
    this.signature = Signatures.hexSha256(SECRET, new String(body, StandardCharsets.UTF_8));
  }

  byte[] body() {
    return body;
  }

  String signature() {
    return signature;
  }

  String nextEventId() {
    return runPrefix + counter.incrementAndGet();
  }

  /** The headers jsonb the relay stores for one of our requests (names lower case, value arrays). */
  String headersJson(String host, String eventId) {
    return "{\"host\":[\"" + host + "\"],\"user-agent\":[\"" + USER_AGENT + "\"],"
        + "\"content-type\":[\"application/json\"],\"content-length\":[\"" + body.length + "\"],"
        + "\"x-signature\":[\"" + signature + "\"],\"x-event-id\":[\"" + eventId + "\"]}";
  }

  /** A provider-like event padded with a note field to exactly {@code size} bytes of ASCII. */
  private static String jsonBody(int size) {
    String head = "{\"type\":\"invoice.paid\",\"created\":1767225600,\"livemode\":false,"
        + "\"data\":{\"object\":{\"id\":\"in_1Qx7bench\",\"amount_paid\":4200,\"currency\":\"eur\","
        + "\"customer\":\"cus_bench\",\"status\":\"paid\"}},\"note\":\"";
    String tail = "\"}";
    return head + "x".repeat(size - head.length() - tail.length()) + tail;
  }
}
