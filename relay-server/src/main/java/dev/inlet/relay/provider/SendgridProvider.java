package dev.inlet.relay.provider;

import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.List;
import java.util.Optional;

/**
 * SendGrid's signed Event Webhook: {@code X-Twilio-Email-Event-Webhook-Signature} (base64 DER
 * ECDSA P-256 / SHA-256) of {@code {X-Twilio-Email-Event-Webhook-Timestamp}{body}} under the
 * verification key SendGrid shows, given as {@code publicKey} (no secrets). The timestamp must be
 * within the tolerance (default 300 s; SendGrid documents none and its libraries check none).
 *
 * <p>The body is a JSON array of events, each with its own {@code sg_event_id}; the batch has no id,
 * so it dedupes by the body hash: keying a batch by its first event would drop the other events of a
 * retry that SendGrid batched differently. The type is the first event's {@code event}.
 */
public final class SendgridProvider implements Provider {

  @Override
  public String name() {
    return "sendgrid";
  }

  @Override
  public boolean needsSecrets() {
    return false;
  }

  @Override
  public void check(VerificationConfig config, List<FieldError> errors) {
    try {
      SendgridVerifier.publicKey(config.publicKey());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("/verification/publicKey",
          "scheme sendgrid needs the verification key SendGrid shows: a base64 P-256 public key"));
    }
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new SendgridVerifier(config.publicKey(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/0/event");
  }
}
