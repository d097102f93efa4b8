package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.utf8;

import java.util.List;

/**
 * Square: {@code x-square-hmacsha256-signature: <base64 HMAC-SHA256(key, notificationUrl + body)>}.
 * The older HMAC-SHA1 {@code x-square-signature} is not accepted.
 */
public final class SquareVerifier implements Verifier {

  private static final String HEADER = "x-square-hmacsha256-signature";

  private final HmacKeys keys;

  public SquareVerifier(List<String> secrets) {
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, secrets);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    SignatureHeader header = SignatureHeader.read(request, HEADER, SignatureEncoding.BASE64);
    if (header.refusal() != null) {
      return header.refusal();
    }
    byte[] signature = header.signature();
    return Verdict.of(keys.matches(signature, utf8(request.publicUrl()), request.body()));
  }
}
