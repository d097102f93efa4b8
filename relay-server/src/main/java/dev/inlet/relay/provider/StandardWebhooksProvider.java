package dev.inlet.relay.provider;

import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.StandardWebhooksVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Standard Webhooks (and Svix, its origin, with {@code svix-*} headers): {@code webhook-signature:
 * v1,<base64>} over {@code {id}.{timestamp}.{body}}, keyed by the base64 part of a {@code whsec_}
 * secret. {@code webhook-id} dedupes; the type is the body's {@code type}.
 */
public final class StandardWebhooksProvider implements Provider {

  @Override
  public String name() {
    return "standard-webhooks";
  }

  /** Standard Webhooks secrets are base64 keys, usually written {@code whsec_<base64>}. */
  @Override
  public void check(VerificationConfig config, List<FieldError> errors) {
    for (int i = 0; i < config.secrets().size(); i++) {
      String secret = config.secrets().get(i);
      String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
      try {
        Base64.getDecoder().decode(key);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("/verification/secrets/" + i, "a standard-webhooks secret is whsec_ followed by base64"));
      }
    }
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new StandardWebhooksVerifier(config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "webhook-id").or(() -> EventFields.byHeader(headers, "svix-id"));
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/type");
  }
}
