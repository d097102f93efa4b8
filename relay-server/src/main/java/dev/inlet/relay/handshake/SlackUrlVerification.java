package dev.inlet.relay.handshake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Slack's {@code {"type":"url_verification","challenge":"..."}}: the challenge is echoed as text.
 */
public final class SlackUrlVerification implements Handshake {

  @Override
  public boolean mayApply(HandshakeRequest request) {
    return request.isPost();
  }

  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    return SmallJson.parseObject(request.body()).flatMap(SlackUrlVerification::answer);
  }

  static Optional<HandshakeReply> answer(JsonNode body) {
    if (!"url_verification".equals(SmallJson.text(body, "type"))) {
      return Optional.empty();
    }
    return Reflected.echo(SmallJson.text(body, "challenge"));
  }
}
