package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import java.util.List;

/**
 * One HMAC of the body (or of {@code {timestamp}.{body}}) in one header: the generic {@code hmac}
 * scheme, and the providers that follow that shape exactly (GitHub, Shopify, Linear and more).
 */
public final class HmacHeaderVerifier implements Verifier {

  private static final byte[] DOT = utf8(".");

  private final String header;
  private final String prefix;
  private final SignatureEncoding encoding;
  private final HmacKeys keys;
  private final String timestampHeader;
  private final int toleranceSeconds;

  private HmacHeaderVerifier(
      String header,
      String prefix,
      SignatureEncoding encoding,
      HmacKeys keys,
      String timestampHeader,
      int toleranceSeconds) {
    this.header = header;
    this.prefix = prefix == null ? "" : prefix;
    this.encoding = encoding;
    this.keys = keys;
    this.timestampHeader = isBlank(timestampHeader) ? null : timestampHeader;
    this.toleranceSeconds = toleranceSeconds;
  }

  /** {@code Linear-Signature: <hex>}; the body timestamp is checked by {@link LinearVerifier}. */
  public static HmacHeaderVerifier linear(List<String> secrets) {
    return bodyOnly("Linear-Signature", "", SignatureEncoding.HEX, secrets);
  }

  /**
   * Any header of this shape: {@code {prefix}{signature}}, the HMAC of the body, or of {@code
   * {timestamp}.{body}} when {@code timestampHeader} is given (checked against {@code
   * toleranceSeconds}).
   */
  public static HmacHeaderVerifier of(
      String header,
      String prefix,
      SignatureEncoding encoding,
      HmacAlgorithm algorithm,
      List<String> secrets,
      String timestampHeader,
      int toleranceSeconds) {
    if (isBlank(header)) {
      throw new IllegalArgumentException("an hmac signature needs a header");
    }
    return new HmacHeaderVerifier(
        header, prefix, encoding, HmacKeys.utf8(algorithm, secrets), timestampHeader, toleranceSeconds);
  }

  /** An HMAC-SHA256 of the body alone, as most providers sign. */
  public static HmacHeaderVerifier bodyOnly(
      String header, String prefix, SignatureEncoding encoding, List<String> secrets) {
    return bodyOnly(header, prefix, encoding, HmacAlgorithm.SHA256, secrets);
  }

  public static HmacHeaderVerifier bodyOnly(
      String header, String prefix, SignatureEncoding encoding, HmacAlgorithm algorithm,
      List<String> secrets) {
    return new HmacHeaderVerifier(header, prefix, encoding, HmacKeys.utf8(algorithm, secrets), null, 0);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get(header);
    if (isBlank(value)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    value = value.trim();
    if (!value.startsWith(prefix)) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    byte[] signature;
    try {
      signature = encoding.decode(value.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    if (timestampHeader == null) {
      return Verdict.of(keys.matches(signature, request.body()));
    }
    return verifyTimestamped(request, signature);
  }

  private Verdict verifyTimestamped(SignedRequest request, byte[] signature) {
    String timestamp = request.headers().get(timestampHeader);
    if (isBlank(timestamp)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    long seconds;
    try {
      seconds = Timestamps.parse(timestamp);
    } catch (NumberFormatException e) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(
        keys.matches(signature, utf8(timestamp.trim()), DOT, request.body()),
        Timestamps.withinSeconds(seconds, request.now(), toleranceSeconds));
  }
}
