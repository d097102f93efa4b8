package dev.inlet.relay.handshake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Discord's endpoint check: a {@code POST} of a PING interaction, {@code {"type":1,...}}, answered
 * {@code {"type":1}} (PONG) as JSON. Discord signs PINGs like every interaction, so this belongs in
 * a {@link HandshakePolicy#signed} policy. The answer is a constant: nothing is echoed or signed. A
 * Discord webhook event ({@code "type":1} with an {@code event} object) is not a PING and is left
 * for ingest.
 */
public final class DiscordPing implements Handshake {

  static final String PONG = "{\"type\":1}";

  @Override
  public boolean mayApply(HandshakeRequest request) {
    return request.isPost();
  }

  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    return SmallJson.parseObject(request.body())
        .filter(DiscordPing::isPing)
        .map(body -> HandshakeReply.json(PONG));
  }

  private static boolean isPing(JsonNode body) {
    JsonNode type = body.get("type");
    return type != null && type.isIntegralNumber() && type.asLong() == 1 && !body.has("event");
  }
}
