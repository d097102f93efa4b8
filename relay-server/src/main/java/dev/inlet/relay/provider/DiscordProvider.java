package dev.inlet.relay.provider;

import dev.inlet.relay.handshake.DiscordPing;
import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.List;
import java.util.Optional;

/**
 * Discord interactions: {@code X-Signature-Ed25519: <hex Ed25519 signature>} of {@code
 * {X-Signature-Timestamp}{body}} under the application's {@code publicKey} (64 hex characters; no
 * secrets). The timestamp must be within the tolerance (default 300 s): Discord's own libraries do
 * not check it, but an interaction is answered within 3 s and never retried, so only replays are
 * refused. The PING (type 1) is answered PONG once it has verified. Body {@code id} dedupes; the
 * type is the interaction {@code type} number as text ({@code 2} for a command), or {@code
 * event.type} for Discord's webhook events.
 */
public final class DiscordProvider implements Provider {

  @Override
  public String name() {
    return "discord";
  }

  @Override
  public boolean needsSecrets() {
    return false;
  }

  @Override
  public void check(VerificationConfig config, List<FieldError> errors) {
    if (!DiscordVerifier.isPublicKey(config.publicKey())) {
      errors.add(new FieldError("/verification/publicKey",
          "scheme discord needs the application's public key: 64 hex characters"));
    }
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new DiscordVerifier(config.publicKey(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event/type").or(() -> EventFields.byJsonPointer(body, "/type"));
  }

  @Override
  public HandshakePolicy handshakes(VerificationConfig config) {
    return HandshakePolicy.signed(new DiscordPing());
  }
}
