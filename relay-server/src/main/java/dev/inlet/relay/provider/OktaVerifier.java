package dev.inlet.relay.provider;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import dev.inlet.relay.verify.Bytes;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.security.MessageDigest;
import java.util.List;

/**
 * Okta event hooks: the whole value of one header (default {@code Authorization}) equals one of the
 * secrets, compared in constant time. Okta sends the configured secret as is, without a {@code
 * Bearer} scheme, so nothing is stripped; a {@code Basic …} secret is compared whole too.
 */
final class OktaVerifier implements Verifier {

  static final String DEFAULT_HEADER = "Authorization";

  private final String header;
  private final List<byte[]> secrets;

  OktaVerifier(String header, List<String> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is required");
    }
    this.header = isBlank(header) ? DEFAULT_HEADER : header.trim();
    this.secrets = secrets.stream().map(Bytes::utf8).toList();
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get(header);
    if (isBlank(value)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    byte[] presented = utf8(value.trim());
    boolean matched = false;
    for (byte[] secret : secrets) {
      matched |= MessageDigest.isEqual(secret, presented);
    }
    return Verdict.of(matched);
  }
}
