package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Zendesk: {@code X-Zendesk-Webhook-Signature: <base64 HMAC-SHA256(secret, timestamp + body)>} with
 * {@code X-Zendesk-Webhook-Signature-Timestamp} (ISO 8601). Zendesk documents no tolerance, so
 * Inlet's ({@code toleranceSeconds}, default 300 s) applies. {@code X-Zendesk-Webhook-Invocation-Id}
 * (one invocation, whose retries are its attempts) dedupes; without it, the body's event {@code id}
 * does, but only on an event payload ({@code type} {@code zen:event-type…}), since a trigger's
 * custom body may carry a ticket's id. The type is the body's {@code type}.
 */
public final class ZendeskProvider implements Provider {

  private static final String EVENT_TYPE_PREFIX = "zen:event-type";

  @Override
  public String name() {
    return "zendesk";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new ZendeskVerifier(config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "X-Zendesk-Webhook-Invocation-Id")
        .or(() -> eventType(headers, body)
            .filter(type -> type.startsWith(EVENT_TYPE_PREFIX))
            .flatMap(type -> EventFields.byJsonPointer(body, "/id")));
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/type");
  }
}
