package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.SquareVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Square: {@code x-square-hmacsha256-signature: <base64 HMAC-SHA256(key, notification URL + body)>}; body {@code event_id} dedupes, {@code type} is the type.
 */
public final class SquareProvider implements Provider {

  @Override
  public String name() {
    return "square";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new SquareVerifier(config.secrets());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event_id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/type");
  }
}
