package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>}. {@code
 * X-GitHub-Delivery} dedupes; the type is {@code X-GitHub-Event}, with the body's {@code action}
 * when it has one ({@code pull_request.opened}).
 */
public final class GithubProvider implements Provider {

  @Override
  public String name() {
    return "github";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.bodyOnly("X-Hub-Signature-256", "sha256=", SignatureEncoding.HEX, config.secrets());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "X-GitHub-Delivery");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "X-GitHub-Event")
        .map(event -> EventFields.byJsonPointer(body, "/action").map(action -> event + "." + action).orElse(event));
  }
}
