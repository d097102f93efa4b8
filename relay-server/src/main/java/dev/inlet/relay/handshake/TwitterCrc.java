package dev.inlet.relay.handshake;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

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
  /**
   * X sends a random token of base64 or URL-safe characters. Anything else is refused, so the answer
   * can never be the signature of a body someone would post next: X's events are JSON, and no JSON
   * text (nor one behind a byte-order mark, or padded with spaces) is made of these characters only.
   */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]{1,256}");
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
    if (crcToken == null || !TOKEN.matcher(crcToken).matches()) {
      return Optional.of(HandshakeReply.text(400, "crc_token missing, too long or malformed"));
    }
    String token = Base64.getEncoder().encodeToString(Hmacs.sha256(consumerSecret, crcToken));
    return Optional.of(
        HandshakeReply.json(
            SmallJson.object().put("response_token", "sha256=" + token).toString()));
  }
}
