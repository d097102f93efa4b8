package dev.inlet.relay.provider;

import dev.inlet.relay.verify.TokenVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Set;

/** A shared token: {@code Authorization: Bearer <secret>}, or the whole value of a configured header. */
public final class BearerProvider implements Provider {

  @Override
  public String name() {
    return "bearer";
  }

  @Override
  public Set<String> credentialHeaders(VerificationConfig config) {
    return Set.of(config.header() == null || config.header().isBlank() ? "Authorization" : config.header().trim());
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return TokenVerifier.bearer(config.header(), config.secrets());
  }
}
