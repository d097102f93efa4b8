package dev.inlet.relay.provider;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Timestamps;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * SendGrid's signed Event Webhook: {@code X-Twilio-Email-Event-Webhook-Signature: <base64 DER
 * ECDSA P-256 / SHA-256 signature>} of {@code {X-Twilio-Email-Event-Webhook-Timestamp}{body}} under
 * the verification key SendGrid shows, and the timestamp (unix seconds) within the tolerance.
 */
final class SendgridVerifier implements Verifier {

  static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
  static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

  private final PublicKey publicKey;
  private final int toleranceSeconds;

  SendgridVerifier(String publicKey, int toleranceSeconds) {
    this.publicKey = publicKey(publicKey);
    this.toleranceSeconds = toleranceSeconds;
  }

  /**
   * The key as SendGrid shows it: base64 of a DER SubjectPublicKeyInfo (PEM armour and line breaks
   * are tolerated), on the P-256 curve.
   */
  static PublicKey publicKey(String text) {
    if (isBlank(text)) {
      throw new IllegalArgumentException("scheme sendgrid needs the verification key");
    }
    String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    try {
      PublicKey key = KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
      if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
        return key;
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      // Not base64, not DER, or not an EC key: refused below without echoing it.
    }
    throw new IllegalArgumentException("the sendgrid verification key is not a base64 P-256 public key");
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String signatureText = request.headers().get(SIGNATURE);
    String timestamp = request.headers().get(TIMESTAMP);
    if (isBlank(signatureText) || isBlank(timestamp)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    byte[] signature;
    long seconds;
    try {
      signature = SignatureEncoding.BASE64.decode(signatureText.trim());
      seconds = Timestamps.parse(timestamp);
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(
        signatureMatches(signature, utf8(timestamp), request.body()),
        Timestamps.withinSeconds(seconds, request.now(), toleranceSeconds));
  }

  /** A signature that is not valid DER simply does not match. */
  private boolean signatureMatches(byte[] signature, byte[] timestamp, byte[] body) {
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(publicKey);
      ecdsa.update(timestamp);
      ecdsa.update(body);
      return ecdsa.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
