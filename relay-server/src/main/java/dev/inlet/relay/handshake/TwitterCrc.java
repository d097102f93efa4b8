package dev.inlet.relay.handshake;

import dev.inlet.relay.endpoint.Scheme;
import dev.inlet.relay.endpoint.VerificationConfig;
import java.util.Base64;
import java.util.Optional;

/**
 * Twitter/X's challenge-response check: {@code GET ?crc_token=..} answered with {@code
 * {"response_token":"sha256=<base64 HMAC-SHA256(consumer secret, crc_token)>"}}.
 *
 * <p>The answer is an HMAC of caller-chosen text, which for most schemes would be a valid signature
 * (Shopify signs base64 HMAC-SHA256 of the body). So it is given only by endpoints set up for X:
 * the {@code hmac} scheme reading X's own signature header.
 */
final class TwitterCrc {

  static final String PARAM = "crc_token";
  static final String SIGNATURE_HEADER = "x-twitter-webhooks-signature";

  private TwitterCrc() {}

  static boolean isConfiguredFor(VerificationConfig config) {
    return Scheme.HMAC.wireName().equals(config.scheme())
        && config.header() != null
        && SIGNATURE_HEADER.equalsIgnoreCase(config.header().trim())
        && !config.secrets().isEmpty();
  }

  static Optional<HandshakeReply> answer(String crcToken, VerificationConfig config) {
    if (!Reflected.isAcceptable(crcToken) || looksLikeJson(crcToken)) {
      return Optional.of(HandshakeReply.text(400, "crc_token missing, too long or malformed"));
    }
    String token =
        Base64.getEncoder().encodeToString(Hmacs.sha256(config.secrets().get(0), crcToken));
    return Optional.of(
        HandshakeReply.json(
            SmallJson.object().put("response_token", "sha256=" + token).toString()));
  }

  /**
   * X's events are JSON; a token that could be one is refused so the answer cannot sign an event.
   */
  private static boolean looksLikeJson(String token) {
    String start = token.stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }
}
