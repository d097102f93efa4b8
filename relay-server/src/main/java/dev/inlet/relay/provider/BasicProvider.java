package dev.inlet.relay.provider;

import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.verify.BasicVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.List;
import java.util.Set;

/** HTTP basic auth: {@code Authorization: Basic base64(user:password)}, compared whole in constant time. */
public final class BasicProvider implements Provider {

  @Override
  public String name() {
    return "basic";
  }

  @Override
  public boolean needsSecrets() {
    return false;
  }

  @Override
  public void check(VerificationConfig config, List<FieldError> errors) {
    if (config.username() == null || config.password() == null) {
      errors.add(new FieldError("/verification/username", "scheme basic needs username and password"));
    }
  }

  @Override
  public Set<String> credentialHeaders(VerificationConfig config) {
    return Set.of("Authorization");
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new BasicVerifier(config.username(), config.password());
  }
}
