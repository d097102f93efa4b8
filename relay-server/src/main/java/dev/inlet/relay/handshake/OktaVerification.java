package dev.inlet.relay.handshake;

import java.util.Optional;

/**
 * Okta's one-time event hook verification: {@code GET} with an {@code
 * X-Okta-Verification-Challenge} header, answered {@code {"verification":"<challenge>"}} as JSON.
 * Okta sends its authentication header on every request, this one included, so it belongs in a
 * {@link HandshakePolicy#signed} policy and is answered only to a caller holding the secret.
 */
public final class OktaVerification implements Handshake {

  static final String CHALLENGE = "X-Okta-Verification-Challenge";

  @Override
  public boolean mayApply(HandshakeRequest request) {
    return request.isGet() && request.headers().get(CHALLENGE) != null;
  }

  /** The JSON answer, or 400 when the challenge is empty or too long. */
  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    String challenge = request.headers().get(CHALLENGE);
    if (!Reflected.isAcceptable(challenge)) {
      return Optional.of(HandshakeReply.text(400, "challenge missing or too long"));
    }
    return Optional.of(HandshakeReply.json(SmallJson.object().put("verification", challenge).toString()));
  }
}
