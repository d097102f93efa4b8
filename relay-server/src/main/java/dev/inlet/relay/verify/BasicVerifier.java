package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/** {@code Authorization: Basic base64(user:password)}, compared whole in constant time. */
public final class BasicVerifier implements Verifier {

  private static final String BASIC = "basic ";

  private final byte[] expected;

  public BasicVerifier(String username, String password) {
    if (isBlank(username) || password == null || password.isEmpty()) {
      throw new IllegalArgumentException("basic scheme needs a username and a password");
    }
    this.expected = utf8(username + ":" + password);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get("Authorization");
    if (isBlank(value)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    value = value.trim();
    if (!value.toLowerCase(Locale.ROOT).startsWith(BASIC)) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    byte[] presented;
    try {
      presented = Base64.getDecoder().decode(value.substring(BASIC.length()).trim());
    } catch (IllegalArgumentException e) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(MessageDigest.isEqual(expected, presented));
  }
}
