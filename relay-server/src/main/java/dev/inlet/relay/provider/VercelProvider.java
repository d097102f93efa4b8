package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.HmacAlgorithm;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Vercel: {@code x-vercel-signature: <hex HMAC-SHA1(secret, body)>}, no timestamp; the secret is
 * the webhook's, or an integration's client secret. The body's {@code id} (Vercel's id of the
 * delivery) dedupes; the type is the body's {@code type} ({@code deployment.created}).
 */
public final class VercelProvider implements Provider {

  @Override
  public String name() {
    return "vercel";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.bodyOnly(
        "x-vercel-signature", "", SignatureEncoding.HEX, HmacAlgorithm.SHA1, config.secrets());
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
