package dev.inlet.relay.provider;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import dev.inlet.relay.verify.HeaderParams;
import dev.inlet.relay.verify.HmacAlgorithm;
import dev.inlet.relay.verify.HmacKeys;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Timestamps;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.util.List;

/**
 * WorkOS: {@code WorkOS-Signature: t=<unix ms>, v1=<hex HMAC-SHA256(secret, "{t}.{body}")>}, the
 * timestamp within the tolerance. Like Stripe's shape, but the timestamp is in milliseconds, which
 * {@code TimestampedSignatureVerifier} (seconds) cannot judge.
 */
final class WorkosVerifier implements Verifier {

  static final String HEADER = "WorkOS-Signature";
  private static final byte[] DOT = utf8(".");

  private final HmacKeys keys;
  private final int toleranceSeconds;

  WorkosVerifier(List<String> secrets, int toleranceSeconds) {
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, secrets);
    this.toleranceSeconds = toleranceSeconds;
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get(HEADER);
    if (isBlank(value)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    HeaderParams params = HeaderParams.parse(value, ",");
    String timestamp = params.first("t");
    List<byte[]> signatures = params.decoded("v1", SignatureEncoding.HEX);
    if (timestamp == null || signatures.isEmpty()) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    long millis;
    try {
      millis = Timestamps.parse(timestamp);
    } catch (NumberFormatException e) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(
        keys.anyMatches(signatures, utf8(timestamp), DOT, request.body()),
        Timestamps.withinMillis(millis, request.now(), toleranceSeconds));
  }
}
