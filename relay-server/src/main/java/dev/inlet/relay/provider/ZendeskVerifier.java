package dev.inlet.relay.provider;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import dev.inlet.relay.verify.HmacAlgorithm;
import dev.inlet.relay.verify.HmacKeys;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Timestamps;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Zendesk: {@code X-Zendesk-Webhook-Signature: <base64 HMAC-SHA256(secret, timestamp + body)>}, the
 * timestamp being the text of {@code X-Zendesk-Webhook-Signature-Timestamp} (ISO 8601, such as
 * {@code 2021-03-25T05:09:27Z}) joined to the body with no separator; the secret is used as text.
 * The timestamp must be within the tolerance.
 */
final class ZendeskVerifier implements Verifier {

  static final String SIGNATURE = "X-Zendesk-Webhook-Signature";
  static final String TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";

  private final HmacKeys keys;
  private final int toleranceSeconds;

  ZendeskVerifier(List<String> secrets, int toleranceSeconds) {
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, secrets);
    this.toleranceSeconds = toleranceSeconds;
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String signatureText = request.headers().get(SIGNATURE);
    String timestamp = request.headers().get(TIMESTAMP);
    if (isBlank(signatureText) || isBlank(timestamp)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    timestamp = timestamp.trim();
    byte[] signature;
    long seconds;
    try {
      signature = SignatureEncoding.BASE64.decode(signatureText.trim());
      seconds = OffsetDateTime.parse(timestamp).toEpochSecond();
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(
        keys.matches(signature, utf8(timestamp), request.body()),
        Timestamps.withinSeconds(seconds, request.now(), toleranceSeconds));
  }
}
