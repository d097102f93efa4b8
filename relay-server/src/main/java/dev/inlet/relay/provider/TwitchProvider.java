package dev.inlet.relay.provider;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.TwitchChallenge;
import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.List;
import java.util.Optional;

/**
 * Twitch EventSub: {@code Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256(secret, id +
 * timestamp + body)>} with {@code Twitch-Eventsub-Message-Id} and {@code
 * Twitch-Eventsub-Message-Timestamp} (RFC 3339), which must be within the tolerance: 600 s unless
 * configured, as Twitch says to refuse messages older than 10 minutes. The signed {@code
 * webhook_callback_verification} is answered with its {@code challenge} once verified; {@code
 * revocation} messages are stored like notifications. The message id dedupes (Twitch resends with
 * the same id); the type is the body's {@code subscription.type}.
 */
public final class TwitchProvider implements Provider {

  static final int DEFAULT_TOLERANCE_SECONDS = 600;

  @Override
  public String name() {
    return "twitch";
  }

  /** Twitch accepts subscription secrets of 10 to 100 (printable) ASCII characters. */
  @Override
  public void check(VerificationConfig config, List<FieldError> errors) {
    for (int i = 0; i < config.secrets().size(); i++) {
      String secret = config.secrets().get(i);
      if (secret.length() < 10 || secret.length() > 100 || !secret.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        errors.add(new FieldError("/verification/secrets/" + i,
            "a twitch eventsub secret is 10 to 100 ASCII characters"));
      }
    }
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    int tolerance = config.toleranceSeconds() == null ? DEFAULT_TOLERANCE_SECONDS : config.toleranceSeconds();
    return new TwitchVerifier(config.secrets(), tolerance);
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, TwitchVerifier.ID);
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/subscription/type")
        .or(() -> EventFields.byHeader(headers, "Twitch-Eventsub-Subscription-Type"));
  }

  @Override
  public HandshakePolicy handshakes(VerificationConfig config) {
    return HandshakePolicy.signed(new TwitchChallenge());
  }
}
