package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.SignatureHeader;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.util.List;

/**
 * Asana: {@code X-Hook-Signature: <hex HMAC-SHA256(secret, body)>}. Until the endpoint has a secret
 * (learned from Asana's handshake) every event is refused: a missing or garbled header as such, a
 * well-formed one as {@code SIGNATURE_MISMATCH}, since no secret can match it.
 */
final class AsanaVerifier implements Verifier {

  static final String SIGNATURE = "X-Hook-Signature";

  private final Verifier signed;

  AsanaVerifier(List<String> secrets) {
    this.signed = secrets.isEmpty() ? null : HmacHeaderVerifier.bodyOnly(SIGNATURE, "", SignatureEncoding.HEX, secrets);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    if (signed != null) {
      return signed.verify(request);
    }
    SignatureHeader header = SignatureHeader.read(request, SIGNATURE, SignatureEncoding.HEX);
    return header.refusal() != null ? header.refusal() : Verdict.refused(RefusalReason.SIGNATURE_MISMATCH);
  }
}
