package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import java.util.List;

/**
 * Stripe ({@code Stripe-Signature: t=..,v1=..}) and Paddle ({@code Paddle-Signature: ts=..;h1=..}):
 * one header with a unix timestamp and one or more hex HMAC-SHA256 signatures of {@code
 * {timestamp}{joiner}{body}}.
 */
public final class TimestampedSignatureVerifier implements Verifier {

  private final String header;
  private final String separator;
  private final String timestampKey;
  private final String signatureKey;
  private final byte[] joiner;
  private final HmacKeys keys;
  private final int toleranceSeconds;

  /**
   * A header {@code {timestampKey}=..{separator}{signatureKey}=..} with hex HMAC-SHA256 signatures
   * of {@code {timestamp}{joiner}{body}}.
   */
  public static TimestampedSignatureVerifier of(
      String header,
      String separator,
      String timestampKey,
      String signatureKey,
      String joiner,
      List<String> secrets,
      int toleranceSeconds) {
    return new TimestampedSignatureVerifier(
        header, separator, timestampKey, signatureKey, joiner, secrets, toleranceSeconds);
  }

  private TimestampedSignatureVerifier(
      String header,
      String separator,
      String timestampKey,
      String signatureKey,
      String joiner,
      List<String> secrets,
      int toleranceSeconds) {
    this.header = header;
    this.separator = separator;
    this.timestampKey = timestampKey;
    this.signatureKey = signatureKey;
    this.joiner = utf8(joiner);
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, secrets);
    this.toleranceSeconds = toleranceSeconds;
  }

  /**
   * The {@code whsec_} secret is used as literal text, prefix included, as Stripe's libraries do.
   */
  public static TimestampedSignatureVerifier stripe(List<String> secrets, int toleranceSeconds) {
    return new TimestampedSignatureVerifier(
        "Stripe-Signature", ",", "t", "v1", ".", secrets, toleranceSeconds);
  }

  public static TimestampedSignatureVerifier paddle(List<String> secrets, int toleranceSeconds) {
    return new TimestampedSignatureVerifier(
        "Paddle-Signature", ";", "ts", "h1", ":", secrets, toleranceSeconds);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get(header);
    if (isBlank(value)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    HeaderParams params = HeaderParams.parse(value, separator);
    String timestamp = params.first(timestampKey);
    List<byte[]> signatures = params.decoded(signatureKey, SignatureEncoding.HEX);
    if (timestamp == null || signatures.isEmpty()) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    long seconds;
    try {
      seconds = Timestamps.parse(timestamp);
    } catch (NumberFormatException e) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(
        keys.anyMatches(signatures, utf8(timestamp), joiner, request.body()),
        Timestamps.withinSeconds(seconds, request.now(), toleranceSeconds));
  }
}
