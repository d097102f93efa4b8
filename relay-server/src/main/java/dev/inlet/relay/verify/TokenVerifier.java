package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/** A shared token sent as is: GitLab's {@code X-Gitlab-Token}, or a bearer token. */
public final class TokenVerifier implements Verifier {

  private static final String BEARER = "bearer ";

  private final String header;
  private final boolean bearer;
  private final List<byte[]> tokens;

  private TokenVerifier(String header, boolean bearer, List<String> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is required");
    }
    this.header = header;
    this.bearer = bearer;
    this.tokens = secrets.stream().map(Bytes::utf8).toList();
  }

  public static TokenVerifier gitlab(List<String> secrets) {
    return new TokenVerifier("X-Gitlab-Token", false, secrets);
  }

  /** {@code Authorization: Bearer <token>}, or the whole value of another configured header. */
  public static TokenVerifier bearer(String header, List<String> secrets) {
    if (isBlank(header) || header.trim().equalsIgnoreCase("Authorization")) {
      return new TokenVerifier("Authorization", true, secrets);
    }
    return new TokenVerifier(header.trim(), false, secrets);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get(header);
    if (isBlank(value)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    value = value.trim();
    if (bearer) {
      if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
        return Verdict.refused(RefusalReason.MALFORMED_HEADER);
      }
      value = value.substring(BEARER.length()).trim();
    }
    byte[] presented = utf8(value);
    boolean matched = false;
    for (byte[] token : tokens) {
      matched |= MessageDigest.isEqual(token, presented);
    }
    return Verdict.of(matched);
  }
}
