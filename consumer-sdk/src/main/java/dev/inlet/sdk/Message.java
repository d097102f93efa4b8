package dev.inlet.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One delivery of a message: the relay's metadata, the provider's headers and body, and the lease
 * that {@link InletClient#ack ack}, {@code nack}, {@code reject} and {@code extend} present.
 * Immutable.
 */
public final class Message {
  private final String id;
  private final String eventId;
  private final String queue;
  private final String endpointId;
  private final String endpoint;
  private final int attempt;
  private final Instant receivedAt;
  private final Instant leaseExpiresAt;
  private final String leaseToken;
  private final Map<String, List<String>> headers;
  private final String contentType;
  private final String method;
  private final String traceparent;
  private final String tracestate;
  private final byte[] body;
  private final JsonNode json;
  private final ObjectMapper mapper;

  private Message(JsonNode envelope, ObjectMapper mapper) {
    JsonNode meta = envelope.path("meta");
    this.id = meta.path("messageId").asText();
    this.eventId = text(meta, "eventId");
    this.queue = text(meta, "queue");
    this.endpointId = text(meta, "endpointId");
    this.endpoint = text(meta, "endpoint");
    this.attempt = meta.path("attempt").asInt(1);
    this.receivedAt = instant(meta, "receivedAt");
    this.leaseExpiresAt = instant(meta, "leaseExpiresAt");
    this.leaseToken = leaseOf(text(meta, "ackUrl"));
    this.headers = headers(envelope.path("headers"));
    this.contentType = text(envelope, "contentType");
    String sentWith = text(meta, "method");
    this.method = sentWith == null ? "POST" : sentWith;
    this.traceparent = text(meta, "traceparent");
    this.tracestate = text(meta, "tracestate");
    this.mapper = mapper;
    JsonNode bodyNode = envelope.path("body");
    if ("json".equals(text(envelope, "bodyEncoding"))) {
      this.json = bodyNode;
      this.body = write(mapper, bodyNode);
    } else {
      this.json = null;
      this.body = bodyNode.isTextual() ? Base64.getDecoder().decode(bodyNode.asText()) : new byte[0];
    }
  }

  /** Reads one envelope ({@code {meta, headers, contentType, bodyEncoding, body}}). */
  static Message fromEnvelope(JsonNode envelope, ObjectMapper mapper) {
    return new Message(envelope, mapper);
  }

  /** The message id ({@code msg_…}); the same on every redelivery. */
  public String id() {
    return id;
  }

  /** The ingested event's id ({@code evt_…}): the key for idempotency. */
  public String eventId() {
    return eventId;
  }

  public String queue() {
    return queue;
  }

  /**
   * The endpoint's id, for admin tokens only: the id is the endpoint's inbound URL, so the relay
   * hands it to no one else. Null for other tokens; {@link #endpoint()} names the endpoint for all.
   */
  public String endpointId() {
    return endpointId;
  }

  /** The name of the endpoint the event came in on (null once that endpoint is deleted). */
  public String endpoint() {
    return endpoint;
  }

  /** 1 on the first delivery, 2 on the first redelivery, and so on. */
  public int attempt() {
    return attempt;
  }

  /** When the relay accepted the webhook. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /**
   * The W3C {@code traceparent} the provider sent with the webhook ({@code 00-<trace id>-<span id>-<flags>}),
   * checked by the relay; null when none (or a malformed one) came. With the OpenTelemetry API on
   * the classpath a {@link Worker} continues this trace by itself.
   */
  public String traceparent() {
    return traceparent;
  }

  /** The W3C {@code tracestate} that came with {@link #traceparent()}; null when none. */
  public String tracestate() {
    return tracestate;
  }

  /** When this delivery's lease runs out (relay clock); null for an auto-acked delivery. */
  public Instant leaseExpiresAt() {
    return leaseExpiresAt;
  }

  /** The provider's request headers, looked up without regard to case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of header {@code name} (any case). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The provider's {@code Content-Type}, or null. */
  /** The HTTP method the provider used (POST unless it said otherwise). */
  public String method() {
    return method;
  }

  public String contentType() {
    return contentType;
  }

  /**
   * The body bytes. A non-JSON body is exactly the provider's bytes; a JSON body is the relay's
   * JSON value written compactly (same content, whitespace not kept).
   */
  public byte[] body() {
    return body.clone();
  }

  /** The body as a JSON tree; {@link UncheckedIOException} if it is not JSON. */
  public JsonNode json() {
    if (json != null) {
      return json;
    }
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("body of " + id + " is not JSON", e);
    }
  }

  /** The JSON body bound to {@code type} with the client's {@link ObjectMapper}. */
  public <T> T as(Class<T> type) {
    try {
      return mapper.treeToValue(json(), type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("body of " + id + " does not bind to " + type.getName(), e);
    }
  }

  /** The lease token settle calls present; null for an auto-acked delivery. */
  String leaseToken() {
    return leaseToken;
  }

  @Override
  public String toString() {
    return "Message{" + id + ", event " + eventId + ", attempt " + attempt + "}";
  }

  private static String leaseOf(String ackUrl) {
    if (ackUrl == null) {
      return null;
    }
    String query = URI.create(ackUrl).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("lease=")) {
        return pair.substring("lease=".length());
      }
    }
    return null;
  }

  private static Map<String, List<String>> headers(JsonNode node) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    node.properties().forEach(e -> {
      List<String> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(e.getValue().asText());
      }
      map.merge(e.getKey(), List.copyOf(values), (a, b) -> {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
      });
    });
    return Collections.unmodifiableMap(map);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant instant(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : Instant.parse(value);
  }

  private static byte[] write(ObjectMapper mapper, JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
