package dev.inlet.relay.provider;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.ZoomUrlValidation;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.SlackStyleVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Zoom: {@code x-zm-signature: v0=<hex HMAC-SHA256(secret, "v0:{ts}:{body}")>} with {@code
 * x-zm-request-timestamp}. Its {@code endpoint.url_validation} answer is an HMAC under the secret,
 * so the handshake is verified first and never answered for a stranger. The type is body {@code
 * event}.
 */
public final class ZoomProvider implements Provider {

  @Override
  public String name() {
    return "zoom";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return SlackStyleVerifier.zoom(config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event");
  }

  @Override
  public HandshakePolicy handshakes(VerificationConfig config) {
    return HandshakePolicy.signed(new ZoomUrlValidation(config.secrets()));
  }
}
