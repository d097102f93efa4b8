package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.TokenVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;
import java.util.Set;

/**
 * GitLab: the secret token itself in {@code X-Gitlab-Token}, compared in constant time. {@code
 * Idempotency-Key} (or {@code X-Gitlab-Event-UUID}) dedupes; {@code X-Gitlab-Event} is the type.
 */
public final class GitlabProvider implements Provider {

  @Override
  public String name() {
    return "gitlab";
  }

  @Override
  public Set<String> credentialHeaders(VerificationConfig config) {
    return Set.of("X-Gitlab-Token");
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return TokenVerifier.gitlab(config.secrets());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "Idempotency-Key").or(() -> EventFields.byHeader(headers, "X-Gitlab-Event-UUID"));
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "X-Gitlab-Event");
  }
}
