package dev.inlet.relay.handshake;

import java.util.Optional;

/**
 * Twitch EventSub's {@code webhook_callback_verification}: a {@code POST} with that {@code
 * Twitch-Eventsub-Message-Type} whose body's {@code challenge} is echoed as plain text. Twitch signs
 * it like every message, so it belongs in a {@link HandshakePolicy#signed} policy.
 */
public final class TwitchChallenge implements Handshake {

  static final String MESSAGE_TYPE = "Twitch-Eventsub-Message-Type";
  static final String VERIFICATION = "webhook_callback_verification";

  @Override
  public boolean mayApply(HandshakeRequest request) {
    String type = request.headers().get(MESSAGE_TYPE);
    return request.isPost() && type != null && VERIFICATION.equalsIgnoreCase(type.trim());
  }

  /** 200 with the challenge, or 400 when the body has none (or one too long). */
  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    return Reflected.echo(
        SmallJson.parseObject(request.body()).map(body -> SmallJson.text(body, "challenge")).orElse(null));
  }
}
