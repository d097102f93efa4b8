package dev.inlet.relay.provider;

import static dev.inlet.relay.verify.Bytes.isBlank;

import dev.inlet.relay.verify.HeaderParams;
import dev.inlet.relay.verify.HmacAlgorithm;
import dev.inlet.relay.verify.HmacKeys;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.util.List;

/**
 * PagerDuty v3: {@code X-PagerDuty-Signature: v1=<hex>,v1=<hex>}, one hex HMAC-SHA256 of the body
 * per secret PagerDuty signs with; any {@code v1} may match any active secret. Entries of other
 * versions, and {@code v1} entries that are not hex, are ignored.
 */
final class PagerDutyVerifier implements Verifier {

  static final String HEADER = "X-PagerDuty-Signature";

  private final HmacKeys keys;

  PagerDutyVerifier(List<String> secrets) {
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, secrets);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get(HEADER);
    if (isBlank(value)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    List<byte[]> signatures = HeaderParams.parse(value, ",").decoded("v1", SignatureEncoding.HEX);
    if (signatures.isEmpty()) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(keys.anyMatches(signatures, request.body()));
  }
}
