package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;

/** A signature read from one header and decoded, or the refusal when it is missing or garbled. */
public record SignatureHeader(byte[] signature, Verdict refusal) {

  public static SignatureHeader read(SignedRequest request, String header, SignatureEncoding encoding) {
    String value = request.headers().get(header);
    if (isBlank(value)) {
      return new SignatureHeader(null, Verdict.refused(RefusalReason.MISSING_HEADER));
    }
    try {
      return new SignatureHeader(encoding.decode(value.trim()), null);
    } catch (IllegalArgumentException e) {
      return new SignatureHeader(null, Verdict.refused(RefusalReason.MALFORMED_HEADER));
    }
  }
}
