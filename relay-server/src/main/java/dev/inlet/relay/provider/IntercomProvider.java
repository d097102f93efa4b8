package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.HmacAlgorithm;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Intercom: {@code X-Hub-Signature: sha1=<hex HMAC-SHA1(client secret, body)>}, the app's client
 * secret as the key. The body's {@code id} (the notification's id, kept by its retries) dedupes;
 * {@code topic} is the type, such as {@code conversation.user.created}.
 */
public final class IntercomProvider implements Provider {

  @Override
  public String name() {
    return "intercom";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.bodyOnly(
        "X-Hub-Signature", "sha1=", SignatureEncoding.HEX, HmacAlgorithm.SHA1, config.secrets());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/topic");
  }
}
