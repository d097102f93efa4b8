package dev.inlet.relay.endpoint;

import dev.inlet.relay.provider.VerificationConfig;

/**
 * An endpoint's verification as anyone with the admin scope may see it: how many secrets are active,
 * never the secrets, the password or the verify token. It has no field that could carry them, so
 * rendering it cannot leak one.
 */
public record VerificationSummary(String scheme, int secretCount, Integer toleranceSeconds, String header,
    String algorithm, String encoding, String prefix, String timestampHeader, String username, String publicKey) {

  public static VerificationSummary of(VerificationConfig config) {
    return new VerificationSummary(config.scheme(), config.secrets().size(), config.toleranceSeconds(),
        config.header(), config.algorithm(), config.encoding(), config.prefix(), config.timestampHeader(),
        config.username(), config.publicKey());
  }
}
