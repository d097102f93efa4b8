package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.TwilioVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Twilio: {@code X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + sorted form params))}, or
 * the URL with {@code bodySHA256} for JSON bodies. {@code I-Twilio-Idempotency-Token} dedupes.
 */
public final class TwilioProvider implements Provider {

  @Override
  public String name() {
    return "twilio";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new TwilioVerifier(config.secrets());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "I-Twilio-Idempotency-Token");
  }
}
