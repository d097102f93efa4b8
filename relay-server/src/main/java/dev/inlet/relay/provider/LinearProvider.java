package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.LinearVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Linear: {@code Linear-Signature: <hex HMAC-SHA256(secret, body)>} plus the body's {@code
 * webhookTimestamp}. Linear's body {@code webhookId} names the webhook, not the event, so it cannot
 * dedupe (the body hash does). The type is {@code {type}.{action}}, such as {@code Issue.create}.
 */
public final class LinearProvider implements Provider {

  @Override
  public String name() {
    return "linear";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new LinearVerifier(config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/type")
        .map(type -> EventFields.byJsonPointer(body, "/action").map(action -> type + "." + action).orElse(type));
  }
}
