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
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Discord: {@code X-Signature-Ed25519: <hex Ed25519 signature of {X-Signature-Timestamp}{body}>}
 * under the application's public key, and the timestamp (unix seconds) within the tolerance.
 */
final class DiscordVerifier implements Verifier {

  static final String SIGNATURE = "X-Signature-Ed25519";
  static final String TIMESTAMP = "X-Signature-Timestamp";

  /** The DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final Pattern HEX_KEY = Pattern.compile("[0-9a-fA-F]{64}");
  private static final int SIGNATURE_BYTES = 64;

  private final PublicKey publicKey;
  private final int toleranceSeconds;

  DiscordVerifier(String publicKeyHex, int toleranceSeconds) {
    this.publicKey = publicKey(publicKeyHex);
    this.toleranceSeconds = toleranceSeconds;
  }

  static boolean isPublicKey(String hex) {
    return hex != null && HEX_KEY.matcher(hex.trim()).matches();
  }

  /** The application's public key, 32 bytes written as 64 hex characters. */
  static PublicKey publicKey(String hex) {
    if (!isPublicKey(hex)) {
      throw new IllegalArgumentException("a discord public key is 64 hex characters");
    }
    byte[] raw = HexFormat.of().parseHex(hex.trim());
    byte[] encoded = new byte[X509_PREFIX.length + raw.length];
    System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
    System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the discord public key is not an Ed25519 key");
    }
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String signatureHex = request.headers().get(SIGNATURE);
    String timestamp = request.headers().get(TIMESTAMP);
    if (isBlank(signatureHex) || isBlank(timestamp)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    byte[] signature;
    long seconds;
    try {
      signature = SignatureEncoding.HEX.decode(signatureHex.trim());
      seconds = Timestamps.parse(timestamp);
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    if (signature.length != SIGNATURE_BYTES) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    // Discord signs the header's text exactly as sent.
    return Verdict.of(
        signatureMatches(signature, utf8(timestamp), request.body()),
        Timestamps.withinSeconds(seconds, request.now(), toleranceSeconds));
  }

  private boolean signatureMatches(byte[] signature, byte[] timestamp, byte[] body) {
    try {
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initVerify(publicKey);
      ed25519.update(timestamp);
      ed25519.update(body);
      return ed25519.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
