package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.TimestampedSignatureVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Stripe: {@code Stripe-Signature: t=..,v1=..} over {@code {t}.{body}} (the {@code whsec_} secret used as text, 300 s tolerance); the body's {@code id} dedupes, {@code type} is the type.
 */
public final class StripeProvider implements Provider {

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return TimestampedSignatureVerifier.stripe(config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/type");
  }
}
