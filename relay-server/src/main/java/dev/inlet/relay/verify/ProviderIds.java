package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.relay.endpoint.Scheme;
import java.util.Optional;

/**
 * The provider's own event id, used as the dedupe key: a retry of the same event carries the same
 * id. Never throws on a malformed body; an id that cannot be found is empty.
 */
public final class ProviderIds {

  private ProviderIds() {}

  /** The id a provider of this scheme sends, or empty for schemes without one. */
  public static Optional<String> dedupeId(Scheme scheme, HeaderLookup headers, byte[] body) {
    switch (scheme) {
      case GITHUB:
        return byHeader(headers, "X-GitHub-Delivery");
      case STRIPE:
        return byJsonPointer(body, "/id");
      case STANDARD_WEBHOOKS:
        return byHeader(headers, "webhook-id").or(() -> byHeader(headers, "svix-id"));
      case SHOPIFY:
        return byHeader(headers, "X-Shopify-Webhook-Id")
            .or(() -> byHeader(headers, "X-Shopify-Event-Id"));
      case SLACK:
      case SQUARE:
      case PADDLE:
        return byJsonPointer(body, "/event_id");
      case GITLAB:
        return byHeader(headers, "Idempotency-Key")
            .or(() -> byHeader(headers, "X-Gitlab-Event-UUID"));
      case TWILIO:
        return byHeader(headers, "I-Twilio-Idempotency-Token");
      default:
        // Linear's body webhookId names the webhook, not the event, so it cannot dedupe.
        return Optional.empty();
    }
  }

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
  public static Optional<String> byJsonPointer(byte[] body, String pointer) {
    JsonPointer compiled;
    try {
      compiled = JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return JsonBodies.parse(body)
        .map(root -> root.at(compiled))
        .filter(node -> node.isTextual() || node.isNumber())
        .map(JsonNode::asText)
        .filter(text -> !text.isBlank());
  }
}
