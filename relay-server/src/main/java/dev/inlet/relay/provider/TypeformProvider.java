package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Typeform: {@code Typeform-Signature: sha256=<base64 HMAC-SHA256(secret, body)>}, the secret the
 * webhook was given. The body's {@code event_id} dedupes; {@code event_type} is the type, such as
 * {@code form_response}.
 */
public final class TypeformProvider implements Provider {

  @Override
  public String name() {
    return "typeform";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.bodyOnly("Typeform-Signature", "sha256=", SignatureEncoding.BASE64, config.secrets());
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
