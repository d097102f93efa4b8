package dev.inlet.relay.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asana's webhook handshake: a {@code POST} with an {@code X-Hook-Secret} header, answered 200 with
 * the same header. Asana signs later events with that secret, and discloses it only here, so:
 *
 * <ul>
 *   <li>an endpoint that has secrets echoes it only when it equals one of them (constant time), and
 *       refuses any other with 403 — a stranger can neither learn nor replace the secret;
 *   <li>an endpoint without secrets echoes it and reports it as {@link HandshakeReply#learnedSecret}
 *       for the pipeline to store: trust on first use, as Asana's design requires.
 * </ul>
 *
 * <p>The handshake carries no signature, so it is not in a signed policy. Echoed values are length
 * limited and must be visible ASCII, since they go back in a response header.
 */
public final class AsanaHookSecret implements Handshake {

  static final String HEADER = "X-Hook-Secret";

  private final List<byte[]> secrets;

  public AsanaHookSecret(List<String> secrets) {
    this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Override
  public boolean mayApply(HandshakeRequest request) {
    return request.isPost() && request.headers().get(HEADER) != null;
  }

  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    String presented = request.headers().get(HEADER);
    if (!Reflected.isAcceptable(presented) || !presented.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return Optional.of(HandshakeReply.text(400, "X-Hook-Secret missing, too long or malformed"));
    }
    HandshakeReply echo = new HandshakeReply(200, HandshakeReply.TEXT, "",
        Map.of("X-Content-Type-Options", "nosniff", HEADER, presented));
    if (secrets.isEmpty()) {
      return Optional.of(echo.learning(presented));
    }
    return Optional.of(isKnown(presented) ? echo : HandshakeReply.text(403, "hook secret mismatch"));
  }

  private boolean isKnown(String presented) {
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    boolean matched = false;
    for (byte[] secret : secrets) {
      matched |= MessageDigest.isEqual(secret, bytes);
    }
    return matched;
  }
}
