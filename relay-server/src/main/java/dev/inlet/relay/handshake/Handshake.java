package dev.inlet.relay.handshake;

import java.util.Optional;

/**
 * One kind of verification handshake: a request a provider sends to prove an endpoint is live,
 * answered at once and never queued. Implementations are immutable; those that prove knowledge of
 * a secret are built per endpoint with it.
 */
public interface Handshake {

  /** Whether the request may be this handshake, judged from method, query and headers alone. */
  boolean mayApply(HandshakeRequest request);

  /** The answer, or empty when the request is not this handshake after all. */
  Optional<HandshakeReply> answer(HandshakeRequest request);
}
