package dev.inlet.relay.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The handshakes one endpoint answers, in the order they are tried, and whether a request must pass
 * signature verification before any of them is considered: providers that sign their handshakes
 * (Slack, Zoom) get {@code verifyFirst}, and an answer that proves the secret (Zoom's) is then never
 * given to a stranger.
 */
public record HandshakePolicy(boolean verifyFirst, List<Handshake> handshakes) {

  public HandshakePolicy {
    handshakes = List.copyOf(handshakes);
  }

  /**
   * What any endpoint answers: Meta's subscription check (with the endpoint's verify token),
   * Dropbox's {@code challenge} and Microsoft Graph's {@code validationToken}. None of them signs
   * anything.
   */
  public static HandshakePolicy common(String metaVerifyToken) {
    return new HandshakePolicy(false,
        List.of(new MetaSubscription(metaVerifyToken), new DropboxChallenge(), new GraphValidation()));
  }

  /** Only the provider's own handshakes, after the request's signature has been verified. */
  public static HandshakePolicy signed(Handshake... handshakes) {
    return new HandshakePolicy(true, List.of(handshakes));
  }

  /** No handshakes at all. */
  public static HandshakePolicy none() {
    return new HandshakePolicy(false, List.of());
  }

  /** This policy with {@code handshake} tried first. */
  public HandshakePolicy withFirst(Handshake handshake) {
    List<Handshake> all = new ArrayList<>();
    all.add(handshake);
    all.addAll(handshakes);
    return new HandshakePolicy(verifyFirst, all);
  }

  /** Whether any handshake may apply: when none does, the body is never parsed for one. */
  public boolean mayApply(HandshakeRequest request) {
    for (Handshake handshake : handshakes) {
      if (handshake.mayApply(request)) {
        return true;
      }
    }
    return false;
  }

  /** The first answer of a handshake that applies, or empty: the request goes on to ingest. */
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    for (Handshake handshake : handshakes) {
      if (handshake.mayApply(request)) {
        Optional<HandshakeReply> reply = handshake.answer(request);
        if (reply.isPresent()) {
          return reply;
        }
      }
    }
    return Optional.empty();
  }
}
