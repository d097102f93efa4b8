package dev.inlet.relay.handshake;

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
public final class TwitterCrc implements Handshake {

  static final String PARAM = "crc_token";
  public static final String SIGNATURE_HEADER = "x-twitter-webhooks-signature";

  private final String consumerSecret;

  public TwitterCrc(String consumerSecret) {
    this.consumerSecret = consumerSecret;
  }

  @Override
  public boolean mayApply(HandshakeRequest request) {
    return request.isGet() && request.queryParam(PARAM).isPresent();
  }

  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    String crcToken = request.queryParam(PARAM).orElse(null);
    if (!Reflected.isAcceptable(crcToken) || looksLikeJson(crcToken)) {
      return Optional.of(HandshakeReply.text(400, "crc_token missing, too long or malformed"));
    }
    String token = Base64.getEncoder().encodeToString(Hmacs.sha256(consumerSecret, crcToken));
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
