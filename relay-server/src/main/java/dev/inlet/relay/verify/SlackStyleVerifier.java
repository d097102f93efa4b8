package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import java.util.List;

/**
 * Slack and Zoom sign alike: {@code v0=<hex HMAC-SHA256(secret, "v0:{timestamp}:{body}")>}, with
 * the unix timestamp in its own header.
 */
public final class SlackStyleVerifier implements Verifier {

  private static final String PREFIX = "v0=";
  private static final byte[] COLON = utf8(":");
  private static final byte[] VERSION = utf8("v0:");

  private final String signatureHeader;
  private final String timestampHeader;
  private final HmacKeys keys;
  private final int toleranceSeconds;

  private SlackStyleVerifier(
      String signatureHeader, String timestampHeader, List<String> secrets, int toleranceSeconds) {
    this.signatureHeader = signatureHeader;
    this.timestampHeader = timestampHeader;
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, secrets);
    this.toleranceSeconds = toleranceSeconds;
  }

  public static SlackStyleVerifier slack(List<String> secrets, int toleranceSeconds) {
    return new SlackStyleVerifier(
        "X-Slack-Signature", "X-Slack-Request-Timestamp", secrets, toleranceSeconds);
  }

  public static SlackStyleVerifier zoom(List<String> secrets, int toleranceSeconds) {
    return new SlackStyleVerifier(
        "x-zm-signature", "x-zm-request-timestamp", secrets, toleranceSeconds);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get(signatureHeader);
    String timestamp = request.headers().get(timestampHeader);
    if (isBlank(value) || isBlank(timestamp)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    value = value.trim();
    timestamp = timestamp.trim();
    byte[] signature;
    long seconds;
    try {
      if (!value.startsWith(PREFIX)) {
        return Verdict.refused(RefusalReason.MALFORMED_HEADER);
      }
      signature = SignatureEncoding.HEX.decode(value.substring(PREFIX.length()));
      seconds = Timestamps.parse(timestamp);
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(
        keys.matches(signature, VERSION, utf8(timestamp), COLON, request.body()),
        Timestamps.withinSeconds(seconds, request.now(), toleranceSeconds));
  }
}
