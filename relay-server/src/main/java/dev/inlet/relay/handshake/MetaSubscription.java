package dev.inlet.relay.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Meta's (Facebook, Instagram, WhatsApp) subscription check: {@code GET ?hub.mode=subscribe
 * &hub.challenge=..&hub.verify_token=..}. The challenge is echoed only for the configured verify
 * token.
 */
public final class MetaSubscription implements Handshake {

  static final String MODE = "hub.mode";

  private final String verifyToken;

  public MetaSubscription(String verifyToken) {
    this.verifyToken = verifyToken;
  }

  @Override
  public boolean mayApply(HandshakeRequest request) {
    return request.isGet() && request.queryParam(MODE).isPresent();
  }

  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    String mode = request.queryParam(MODE).orElse(null);
    String presented = request.queryParam("hub.verify_token").orElse(null);
    if (!"subscribe".equals(mode) || !tokenMatches(presented)) {
      return Optional.of(HandshakeReply.text(403, "verify token mismatch"));
    }
    return Reflected.echo(request.queryParam("hub.challenge").orElse(null));
  }

  private boolean tokenMatches(String presented) {
    if (verifyToken == null || verifyToken.isEmpty() || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        verifyToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
