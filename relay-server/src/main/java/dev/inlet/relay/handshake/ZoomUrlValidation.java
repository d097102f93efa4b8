package dev.inlet.relay.handshake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Zoom's {@code endpoint.url_validation}: reply with the plain token and its hex HMAC-SHA256 under
 * the endpoint's secret token. The answer proves the secret, so it belongs in a {@link
 * HandshakePolicy#signed} policy only.
 */
public final class ZoomUrlValidation implements Handshake {

  private final List<String> secrets;

  public ZoomUrlValidation(List<String> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  @Override
  public boolean mayApply(HandshakeRequest request) {
    return request.isPost();
  }

  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    return SmallJson.parseObject(request.body()).flatMap(this::answer);
  }

  private Optional<HandshakeReply> answer(JsonNode body) {
    if (!"endpoint.url_validation".equals(SmallJson.text(body, "event"))) {
      return Optional.empty();
    }
    JsonNode payload = body.get("payload");
    String plainToken = payload == null ? null : SmallJson.text(payload, "plainToken");
    if (!Reflected.isAcceptable(plainToken) || plainToken.contains(":") || secrets.isEmpty()) {
      return Optional.of(HandshakeReply.text(400, "plainToken missing, too long or malformed"));
    }
    String encrypted = HexFormat.of().formatHex(Hmacs.sha256(secrets.get(0), plainToken));
    return Optional.of(
        HandshakeReply.json(
            SmallJson.object()
                .put("plainToken", plainToken)
                .put("encryptedToken", encrypted)
                .toString()));
  }
}
