package dev.inlet.relay.provider;

import dev.inlet.relay.verify.TokenVerifier;
import dev.inlet.relay.verify.Verifier;

/** A shared token: {@code Authorization: Bearer <secret>}, or the whole value of a configured header. */
public final class BearerProvider implements Provider {

  @Override
  public String name() {
    return "bearer";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return TokenVerifier.bearer(config.header(), config.secrets());
  }
}
