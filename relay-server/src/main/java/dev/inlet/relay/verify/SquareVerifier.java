package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import java.util.List;

/**
 * Square: {@code x-square-hmacsha256-signature: <base64 HMAC-SHA256(key, notificationUrl + body)>}.
 * The older HMAC-SHA1 {@code x-square-signature} is not accepted.
 */
final class SquareVerifier implements Verifier {

  private static final String HEADER = "x-square-hmacsha256-signature";

  private final HmacKeys keys;

  SquareVerifier(List<String> secrets) {
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, secrets);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get(HEADER);
    if (isBlank(value)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    byte[] signature;
    try {
      signature = SignatureEncoding.BASE64.decode(value.trim());
    } catch (IllegalArgumentException e) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(keys.matches(signature, utf8(request.publicUrl()), request.body()));
  }
}
