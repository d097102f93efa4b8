package dev.inlet.relay.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Meta's (Facebook, Instagram, WhatsApp) subscription check: {@code GET ?hub.mode=subscribe
 * &hub.challenge=..&hub.verify_token=..}. The challenge is echoed only for the configured verify
 * token.
 */
final class MetaSubscription {

  static final String MODE = "hub.mode";

  private MetaSubscription() {}

  static Optional<HandshakeReply> answer(HandshakeRequest request, String verifyToken) {
    String mode = request.queryParam(MODE).orElse(null);
    String presented = request.queryParam("hub.verify_token").orElse(null);
    if (!"subscribe".equals(mode) || !tokenMatches(verifyToken, presented)) {
      return Optional.of(HandshakeReply.text(403, "verify token mismatch"));
    }
    return Reflected.echo(request.queryParam("hub.challenge").orElse(null));
  }

  private static boolean tokenMatches(String expected, String presented) {
    if (expected == null || expected.isEmpty() || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
