package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import dev.inlet.relay.endpoint.VerificationConfig;
import java.util.List;

/**
 * One HMAC of the body in one header: the generic {@code hmac} scheme, and the providers that
 * follow that shape exactly (GitHub, Shopify, Linear).
 */
final class HmacHeaderVerifier implements Verifier {

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

  /** {@code X-Hub-Signature-256: sha256=<hex>}. */
  static HmacHeaderVerifier github(List<String> secrets) {
    return bodyOnly("X-Hub-Signature-256", "sha256=", SignatureEncoding.HEX, secrets);
  }

  /** {@code X-Shopify-Hmac-Sha256: <base64>}. */
  static HmacHeaderVerifier shopify(List<String> secrets) {
    return bodyOnly("X-Shopify-Hmac-Sha256", "", SignatureEncoding.BASE64, secrets);
  }

  /** {@code Linear-Signature: <hex>}; the body timestamp is checked by {@link LinearVerifier}. */
  static HmacHeaderVerifier linear(List<String> secrets) {
    return bodyOnly("Linear-Signature", "", SignatureEncoding.HEX, secrets);
  }

  /** The configurable {@code hmac} scheme. */
  static HmacHeaderVerifier generic(VerificationConfig config) {
    if (isBlank(config.header())) {
      throw new IllegalArgumentException("hmac scheme needs a header");
    }
    return new HmacHeaderVerifier(
        config.header(),
        config.prefix(),
        SignatureEncoding.fromConfig(config.encoding()),
        HmacKeys.utf8(HmacAlgorithm.fromConfig(config.algorithm()), config.secrets()),
        config.timestampHeader(),
        config.toleranceOrDefault());
  }

  private static HmacHeaderVerifier bodyOnly(
      String header, String prefix, SignatureEncoding encoding, List<String> secrets) {
    return new HmacHeaderVerifier(
        header, prefix, encoding, HmacKeys.utf8(HmacAlgorithm.SHA256, secrets), null, 0);
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
