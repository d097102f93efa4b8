package dev.inlet.relay.provider;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything Inlet knows about one provider (a verification scheme): how its requests are
 * verified, where its event id and event type are found, what configuration it needs, and which
 * verification handshakes it sends. Implementations are stateless singletons listed once, in
 * {@link Providers}; what depends on an endpoint's secrets is built per endpoint by {@link
 * #verifier} and {@link #handshakes}, once, when the endpoint is loaded.
 */
public interface Provider {

  /** The scheme's name in the API ({@code verification.scheme}), such as {@code stripe}. */
  String name();

  /** Whether an endpoint of this scheme must be given at least one secret. */
  default boolean needsSecrets() {
    return true;
  }

  /**
   * Adds what is wrong with {@code config} for this scheme, beyond the checks every scheme gets
   * (known scheme, secrets present when needed, none empty). Pointers start at {@code /verification}.
   */
  default void check(VerificationConfig config, List<FieldError> errors) {}

  /**
   * The verifier of an endpoint configured so. Called once per endpoint load, never per request.
   *
   * @throws IllegalArgumentException when the config cannot be used (the message holds no secret)
   */
  Verifier verifier(VerificationConfig config);

  /** The provider's own id of the event, shared by its retries: the default dedupe key. */
  default Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return Optional.empty();
  }

  /** The provider's name for what happened, such as {@code invoice.paid}, when it sends one. */
  default Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return Optional.empty();
  }

  /**
   * The headers that carry the credential itself (a password, a shared token) rather than a
   * signature: they are stored and delivered redacted. A signature may stay, since it proves nothing
   * without the secret. Names in any case.
   */
  default Set<String> credentialHeaders(VerificationConfig config) {
    return Set.of();
  }

  /** Which handshakes an endpoint configured so answers, and whether it verifies them first. */
  default HandshakePolicy handshakes(VerificationConfig config) {
    return HandshakePolicy.common(config.verifyToken());
  }
}
