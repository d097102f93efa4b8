package dev.inlet.relay.provider;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.OktaVerification;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;
import java.util.Set;

/**
 * Okta event hooks: the authentication header ({@code header}, default {@code Authorization})
 * carries the secret as configured in Okta, compared whole in constant time (Okta signs nothing).
 * Its one-time verification {@code GET} carries that header too, so it is answered only after the
 * check. A delivery batches events in {@code data.events}; its top-level {@code eventId} names the
 * batch and dedupes (each event's own {@code uuid}, which Okta's docs suggest for duplicates, stays
 * in the body: keying a batch by its first event could drop the others of a retry batched
 * differently). The type is the first event's {@code eventType}; the top-level one is always {@code
 * com.okta.event_hook}.
 */
public final class OktaProvider implements Provider {

  @Override
  public String name() {
    return "okta";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new OktaVerifier(config.header(), config.secrets());
  }

  /** The header holds the secret itself: never stored or delivered as sent. */
  @Override
  public Set<String> credentialHeaders(VerificationConfig config) {
    return Set.of(config.header() == null || config.header().isBlank() ? "Authorization" : config.header().trim());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/eventId");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/data/events/0/eventType");
  }

  @Override
  public HandshakePolicy handshakes(VerificationConfig config) {
    return HandshakePolicy.signed(new OktaVerification());
  }
}
