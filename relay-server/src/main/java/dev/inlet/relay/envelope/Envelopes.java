package dev.inlet.relay.envelope;

import dev.inlet.relay.queue.Delivery;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;

/** How a delivered message is shown: the {@code Inlet-Meta} header, the {@code Link} header, the envelope. */
public final class Envelopes {
  private Envelopes() {}

  /**
   * Who a delivery is written for: its queue's name, the relay's public URL (settle links), whether
   * bodies are always base64, and whether the consumer may see the endpoint's id. The id is the
   * inbound URL, a capability: only admin tokens get it; every consumer gets the endpoint's name.
   */
  public record Audience(String queue, String publicUrl, boolean base64Body, boolean admin) {}

  public static JsonObject meta(Delivery delivery, Audience audience) {
    String publicUrl = audience.publicUrl();
    JsonObject meta = new JsonObject()
        .put("messageId", delivery.id().toString())
        .put("eventId", delivery.eventId())
        .put("queue", audience.queue())
        .put("endpoint", delivery.endpointName());
    if (audience.admin()) {
      meta.put("endpointId", delivery.endpointId());
    }
    meta.put("method", delivery.method())
        .put("attempt", delivery.attempt())
        .put("receivedAt", Times.rfc3339(delivery.receivedAt()));
    if (delivery.replay()) {
      meta.put("replay", true);
    }
    if (delivery.traceparent() != null) {
      meta.put("traceparent", delivery.traceparent());
      if (delivery.tracestate() != null) {
        meta.put("tracestate", delivery.tracestate());
      }
    }
    if (delivery.leaseToken() != null) {
      meta.put("leaseExpiresAt", Times.rfc3339(delivery.leaseExpiresAt()))
          .put("ackUrl", settleUrl(delivery, publicUrl, "ack"))
          .put("nackUrl", settleUrl(delivery, publicUrl, "nack"))
          .put("rejectUrl", settleUrl(delivery, publicUrl, "reject"))
          .put("extendUrl", settleUrl(delivery, publicUrl, "extend"));
    }
    return meta;
  }

  /** RFC 8288 links to the settle verbs; none for an auto-acked delivery. */
  public static String links(Delivery delivery, String publicUrl) {
    if (delivery.leaseToken() == null) {
      return null;
    }
    StringBuilder links = new StringBuilder();
    for (String verb : new String[] {"ack", "nack", "reject", "extend"}) {
      if (links.length() > 0) {
        links.append(", ");
      }
      links.append('<').append(settleUrl(delivery, publicUrl, verb)).append(">; rel=\"").append(verb).append('"');
    }
    return links.toString();
  }

  /**
   * {@code {meta, headers, contentType, bodyEncoding, body}}. Written out directly: the headers are
   * already JSON text, and a JSON body is checked and embedded as it is rather than parsed into a
   * tree and encoded again — this runs for every message delivered.
   */
  /** {@code base64Body}: always base64, so consumers get the provider's bytes exactly (signatures). */
  public static Buffer envelope(Delivery delivery, Audience audience) {
    boolean base64Body = audience.base64Body();
    Buffer body = delivery.body() == null ? Buffer.buffer() : delivery.body();
    Buffer out = Buffer.buffer(body.length() + 1024)
        .appendString("{\"meta\":").appendString(meta(delivery, audience).encode())
        .appendString(",\"headers\":").appendString(delivery.headersJson() == null ? "{}" : delivery.headersJson())
        .appendString(",\"contentType\":").appendString(Json.encode(delivery.contentType()));
    if (!base64Body && Bodies.looksJson(delivery.contentType()) && JsonText.isSingleValue(body)) {
      out.appendString(",\"bodyEncoding\":\"json\",\"body\":").appendBuffer(oneLine(body));
    } else {
      out.appendString(",\"bodyEncoding\":\"base64\",\"body\":\"")
          .appendString(Base64.getEncoder().encodeToString(body.getBytes())).appendString("\"");
    }
    return out.appendString("}");
  }

  /**
   * A JSON text with its line breaks turned into spaces. In valid JSON a raw CR or LF can only be
   * whitespace between tokens (inside strings they are escaped), so the value is unchanged — and an
   * SSE {@code data:} line stays one line.
   */
  private static Buffer oneLine(Buffer json) {
    byte[] bytes = json.getBytes();
    boolean found = false;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r') {
        bytes[i] = ' ';
        found = true;
      }
    }
    return found ? Buffer.buffer(bytes) : json;
  }

  /** Envelopes as one JSON array. */
  public static Buffer envelopes(List<Delivery> deliveries, Audience audience) {
    Buffer out = Buffer.buffer().appendString("[");
    for (int i = 0; i < deliveries.size(); i++) {
      if (i > 0) {
        out.appendString(",");
      }
      out.appendBuffer(envelope(deliveries.get(i), audience));
    }
    return out.appendString("]");
  }

  private static String settleUrl(Delivery delivery, String publicUrl, String verb) {
    return publicUrl + "/v1/messages/" + delivery.id() + "/" + verb + "?lease=" + delivery.leaseToken();
  }
}
