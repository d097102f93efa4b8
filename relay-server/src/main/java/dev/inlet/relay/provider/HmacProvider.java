package dev.inlet.relay.provider;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.TwitterCrc;
import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.verify.HmacAlgorithm;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.List;

/**
 * The configurable {@code hmac} scheme: a header (required), algorithm, encoding, prefix and an
 * optional timestamp header. An endpoint reading X's {@code x-twitter-webhooks-signature} also
 * answers X's CRC check, since only then may it sign a caller's token.
 */
public final class HmacProvider implements Provider {

  @Override
  public String name() {
    return "hmac";
  }

  @Override
  public void check(VerificationConfig config, List<FieldError> errors) {
    if (config.header() == null) {
      errors.add(new FieldError("/verification/header", "scheme hmac needs the signature header's name"));
    }
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.of(config.header(), config.prefix(), SignatureEncoding.fromConfig(config.encoding()),
        HmacAlgorithm.fromConfig(config.algorithm()), config.secrets(), config.timestampHeader(),
        config.toleranceOrDefault());
  }

  @Override
  public HandshakePolicy handshakes(VerificationConfig config) {
    HandshakePolicy common = HandshakePolicy.common(config.verifyToken());
    boolean readsXSignature = config.header() != null
        && TwitterCrc.SIGNATURE_HEADER.equalsIgnoreCase(config.header().trim()) && !config.secrets().isEmpty();
    return readsXSignature ? common.withFirst(new TwitterCrc(config.secrets().get(0))) : common;
  }
}
