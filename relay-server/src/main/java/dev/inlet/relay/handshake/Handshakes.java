package dev.inlet.relay.handshake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.relay.endpoint.Scheme;
import dev.inlet.relay.endpoint.VerificationConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers verification handshakes synchronously; they are never queued.
 *
 * <p>Slack and Zoom sign their handshakes. For endpoints of those schemes the caller verifies the
 * signature before calling {@link #answer}; Zoom's answer is an HMAC under the endpoint secret, so
 * an unverified Zoom handshake must never reach this class. Zoom and X handshakes are answered only
 * by endpoints configured for that provider, since their answers prove knowledge of the secret.
 */
public final class Handshakes {

  private Handshakes() {}

  /**
   * The reply to a handshake, or empty when the request is not one and goes on to normal ingest.
   */
  public static Optional<HandshakeReply> answer(
      HandshakeRequest request, VerificationConfig config) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(config, "config");
    if (request.isGet()) {
      return answerGet(request, config);
    }
    if (request.isPost()) {
      return answerPost(request, config);
    }
    return Optional.empty();
  }

  private static Optional<HandshakeReply> answerGet(
      HandshakeRequest request, VerificationConfig config) {
    if (request.queryParam(MetaSubscription.MODE).isPresent()) {
      return MetaSubscription.answer(request, config.verifyToken());
    }
    Optional<String> crcToken = request.queryParam(TwitterCrc.PARAM);
    if (crcToken.isPresent() && TwitterCrc.isConfiguredFor(config)) {
      return TwitterCrc.answer(crcToken.get(), config);
    }
    // Dropbox's check: echo the challenge as plain text.
    return request.queryParam("challenge").flatMap(Reflected::echo);
  }

  private static Optional<HandshakeReply> answerPost(
      HandshakeRequest request, VerificationConfig config) {
    // Microsoft Graph's subscription validation: echo the (already decoded) token as plain text.
    Optional<String> graphToken = request.queryParam("validationToken");
    if (graphToken.isPresent()) {
      return Reflected.echo(graphToken.get());
    }
    Optional<JsonNode> body = SmallJson.parseObject(request.body());
    if (body.isEmpty()) {
      return Optional.empty();
    }
    Optional<HandshakeReply> slack = SlackUrlVerification.answer(body.get());
    if (slack.isPresent() || !Scheme.ZOOM.wireName().equals(config.scheme())) {
      return slack;
    }
    return ZoomUrlValidation.answer(body.get(), config.secrets());
  }
}
