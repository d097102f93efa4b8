package dev.inlet.relay.handshake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** Handshake bodies are tiny JSON objects; larger or non-object bodies are not read at all. */
final class SmallJson {

  static final int MAX_BODY_BYTES = 16 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SmallJson() {}

  static Optional<JsonNode> parseObject(byte[] body) {
    if (body.length == 0 || body.length > MAX_BODY_BYTES || !startsWithBrace(body)) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The text of a string field, or null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  private static boolean startsWithBrace(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }
}
