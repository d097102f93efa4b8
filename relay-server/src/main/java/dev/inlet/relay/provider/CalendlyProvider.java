package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.TimestampedSignatureVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Calendly: {@code Calendly-Webhook-Signature: t=<unix s>,v1=<hex HMAC-SHA256(signing key,
 * "{t}.{body}")>}, every {@code v1} tried, within 180 s (the three minutes Calendly's docs give)
 * unless {@code toleranceSeconds} says otherwise. Calendly sends no event id, and {@code
 * payload.uri} names the invitee (or other resource), not the delivery, so the body hash dedupes.
 * The type is the body's {@code event} ({@code invitee.created}).
 */
public final class CalendlyProvider implements Provider {

  static final int DEFAULT_TOLERANCE_SECONDS = 180;

  @Override
  public String name() {
    return "calendly";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    int tolerance = config.toleranceSeconds() == null ? DEFAULT_TOLERANCE_SECONDS : config.toleranceSeconds();
    return TimestampedSignatureVerifier.of(
        "Calendly-Webhook-Signature", ",", "t", "v1", ".", config.secrets(), tolerance);
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event");
  }
}
