package dev.inlet.relay.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Linear: {@code Linear-Signature: <hex HMAC-SHA256(secret, body)>}, plus the {@code
 * webhookTimestamp} (unix milliseconds) Linear puts in the JSON body, checked against the tolerance
 * when present.
 */
public final class LinearVerifier implements Verifier {

  private final Verifier signature;
  private final int toleranceSeconds;

  public LinearVerifier(List<String> secrets, int toleranceSeconds) {
    this.signature = HmacHeaderVerifier.linear(secrets);
    this.toleranceSeconds = toleranceSeconds;
  }

  @Override
  public Verdict verify(SignedRequest request) {
    Verdict verdict = signature.verify(request);
    if (!verdict.isAccepted()) {
      return verdict;
    }
    JsonNode timestamp =
        JsonBodies.parse(request.body()).map(n -> n.get("webhookTimestamp")).orElse(null);
    if (timestamp == null || !timestamp.canConvertToLong()) {
      return verdict;
    }
    return Timestamps.withinMillis(timestamp.asLong(), request.now(), toleranceSeconds)
        ? verdict
        : Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE);
  }
}
