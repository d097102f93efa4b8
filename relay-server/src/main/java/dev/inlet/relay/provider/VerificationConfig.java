package dev.inlet.relay.provider;

import java.util.List;

/**
 * How an endpoint checks that a request really comes from its provider. Which fields matter depends
 * on the provider named by {@link #scheme()}; the others are null. Secrets, the password and the
 * verify token are write-only: stored, never echoed back (the API renders a {@code
 * VerificationSummary}, which cannot hold them).
 *
 * @param scheme a provider's name in {@link Providers}
 * @param secrets the active secrets; more than one while a secret is being rotated
 * @param toleranceSeconds how far a signed timestamp may be from now (schemes with timestamps)
 * @param header the signature header ({@code hmac}), or the token header where a scheme allows it
 * @param algorithm {@code sha1}, {@code sha256} or {@code sha512} ({@code hmac})
 * @param encoding {@code hex} or {@code base64} ({@code hmac})
 * @param prefix text before the signature in the header, such as {@code sha256=} ({@code hmac})
 * @param timestampHeader header whose value is signed as {@code {timestamp}.{body}} ({@code hmac})
 * @param username basic auth user ({@code basic})
 * @param password basic auth password ({@code basic})
 * @param verifyToken the token Meta sends as {@code hub.verify_token} on its subscription handshake
 * @param publicKey the provider's public key, for schemes signed with a key pair (not a secret)
 */
public record VerificationConfig(
    String scheme,
    List<String> secrets,
    Integer toleranceSeconds,
    String header,
    String algorithm,
    String encoding,
    String prefix,
    String timestampHeader,
    String username,
    String password,
    String verifyToken,
    String publicKey) {

  public static final int DEFAULT_TOLERANCE_SECONDS = 300;

  public VerificationConfig {
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
  }

  /** A config of {@code scheme} with only secrets set, as most presets need. */
  public static VerificationConfig of(String scheme, List<String> secrets) {
    return new VerificationConfig(scheme, secrets, null, null, null, null, null, null, null, null, null, null);
  }

  public static VerificationConfig none() {
    return of("none", List.of());
  }

  public int toleranceOrDefault() {
    return toleranceSeconds == null ? DEFAULT_TOLERANCE_SECONDS : toleranceSeconds;
  }
}
