package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.TimestampedSignatureVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Paddle Billing: {@code Paddle-Signature: ts=..;h1=..} over {@code {ts}:{body}}; body {@code event_id} dedupes, {@code event_type} is the type.
 */
public final class PaddleProvider implements Provider {

  @Override
  public String name() {
    return "paddle";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return TimestampedSignatureVerifier.paddle(config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event_id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event_type");
  }
}
