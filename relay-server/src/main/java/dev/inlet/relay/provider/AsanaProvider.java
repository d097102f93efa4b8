package dev.inlet.relay.provider;

import dev.inlet.relay.handshake.AsanaHookSecret;
import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Asana: {@code X-Hook-Signature: <hex HMAC-SHA256(secret, body)>}, the secret being the {@code
 * X-Hook-Secret} of Asana's handshake. An endpoint may start without secrets: it then echoes the
 * first handshake's secret and reports it learned (trust on first use) and refuses every event
 * until the secret is stored; with secrets it echoes only a matching one. Events come batched in
 * {@code events[]} with no delivery id, so the body hash dedupes; the type is the first event's
 * {@code resource.resource_type} and {@code action} ({@code task.changed}); heartbeats ({@code
 * "events":[]}) have none.
 */
public final class AsanaProvider implements Provider {

  @Override
  public String name() {
    return "asana";
  }

  @Override
  public boolean needsSecrets() {
    return false;
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new AsanaVerifier(config.secrets());
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    Optional<String> action = EventFields.byJsonPointer(body, "/events/0/action");
    return EventFields.byJsonPointer(body, "/events/0/resource/resource_type")
        .map(type -> action.map(a -> type + "." + a).orElse(type))
        .or(() -> action);
  }

  /** Only Asana's own handshake, which is not signed: it comes before any secret exists. */
  @Override
  public HandshakePolicy handshakes(VerificationConfig config) {
    return HandshakePolicy.none().withFirst(new AsanaHookSecret(config.secrets()));
  }
}
