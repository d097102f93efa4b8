package dev.inlet.relay.provider;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.SlackUrlVerification;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.SlackStyleVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex HMAC-SHA256(secret, "v0:{ts}:{body}")>} with {@code
 * X-Slack-Request-Timestamp}. Its {@code url_verification} handshake is signed too, so it is
 * verified before it is answered. Body {@code event_id} dedupes; the type is the inner {@code
 * event.type} of an Events API callback, else the body's {@code type}.
 */
public final class SlackProvider implements Provider {

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return SlackStyleVerifier.slack(config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event_id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event/type").or(() -> EventFields.byJsonPointer(body, "/type"));
  }

  @Override
  public HandshakePolicy handshakes(VerificationConfig config) {
    return HandshakePolicy.signed(new SlackUrlVerification());
  }
}
