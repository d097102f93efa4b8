package dev.inlet.relay.provider;

import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;

/** No verification: every request is accepted (for trials, or a provider that signs nothing). */
public final class NoneProvider implements Provider {

  private static final Verifier ACCEPT_ALL = request -> Verdict.accepted();

  @Override
  public String name() {
    return "none";
  }

  @Override
  public boolean needsSecrets() {
    return false;
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return ACCEPT_ALL;
  }
}
