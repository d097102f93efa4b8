package dev.inlet.relay.provider;

import static dev.inlet.relay.verify.Bytes.isBlank;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.relay.verify.HeaderLookup;
import java.util.Optional;

/**
 * Values read out of an inbound request: a provider's event id or type, a configured dedupe field,
 * a route filter's field. Never throws on a malformed body; a value that cannot be found is empty.
 */
public final class EventFields {

  private EventFields() {}

  /** A header's value, trimmed; empty when absent or blank. */
  public static Optional<String> byHeader(HeaderLookup headers, String name) {
    String value = headers.get(name);
    return isBlank(value) ? Optional.empty() : Optional.of(value.trim());
  }

  /**
   * A string or number found at an RFC 6901 pointer such as {@code /data/id} in a JSON body; empty
   * when the body is not JSON, the pointer is invalid, or the value is missing, blank or not a
   * scalar.
   */
  public static Optional<String> byJsonPointer(EventBody body, String pointer) {
    JsonPointer compiled;
    try {
      compiled = JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return body.json()
        .map(root -> root.at(compiled))
        .filter(node -> node.isTextual() || node.isNumber())
        .map(JsonNode::asText)
        .filter(text -> !text.isBlank());
  }
}
