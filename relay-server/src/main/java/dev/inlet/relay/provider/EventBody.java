package dev.inlet.relay.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.relay.verify.JsonBodies;
import java.util.Optional;

/**
 * An inbound body, parsed as JSON at most once however many fields are read from it (event id,
 * event type, route filters). Not thread safe: one per request.
 */
public final class EventBody {
  private final byte[] bytes;
  private Optional<JsonNode> json;

  private EventBody(byte[] bytes) {
    this.bytes = bytes == null ? new byte[0] : bytes;
  }

  public static EventBody of(byte[] bytes) {
    return new EventBody(bytes);
  }

  public byte[] bytes() {
    return bytes;
  }

  /** The body as a JSON object or array; empty when it is neither. */
  public Optional<JsonNode> json() {
    if (json == null) {
      json = JsonBodies.parse(bytes);
    }
    return json;
  }
}
