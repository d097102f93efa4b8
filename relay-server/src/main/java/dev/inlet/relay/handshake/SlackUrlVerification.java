package dev.inlet.relay.handshake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Slack's {@code {"type":"url_verification","challenge":"..."}}: the challenge is echoed as text.
 */
final class SlackUrlVerification {

  private SlackUrlVerification() {}

  static Optional<HandshakeReply> answer(JsonNode body) {
    if (!"url_verification".equals(SmallJson.text(body, "type"))) {
      return Optional.empty();
    }
    return Reflected.echo(SmallJson.text(body, "challenge"));
  }
}
