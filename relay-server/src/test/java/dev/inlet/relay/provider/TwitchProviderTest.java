package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.NOW;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacHex;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.HandshakeReply;
import dev.inlet.relay.handshake.HandshakeRequest;
import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwitchProviderTest {

  private static final Provider TWITCH = Providers.require("twitch");
  private static final String ID = "Twitch-Eventsub-Message-Id";
  private static final String TIMESTAMP = "Twitch-Eventsub-Message-Timestamp";
  private static final String SIGNATURE = "Twitch-Eventsub-Message-Signature";
  private static final String TYPE = "Twitch-Eventsub-Message-Type";

  /*
   * Twitch's docs give the algorithm and a Node sample but no signed example: "Verifying the event
   * message", https://dev.twitch.tv/docs/eventsub/handling-webhook-events/ (message = id + timestamp
   * + raw body; 'sha256=' + createHmac('sha256', secret).update(message).digest('hex')), which is
   * also what twitchdev/twitch-cli's forward_event.go signs. These vectors are that, run on node 20
   * with crypto, secret 's3cre7-twitch-eventsub', over Twitch's channel.follow sample bodies.
   */
  private static final String SECRET = "s3cre7-twitch-eventsub";
  private static final String MESSAGE_ID = "e76c6bd4-55c9-4987-8304-da1588d8988b";
  private static final String MESSAGE_TS = "2023-11-14T22:13:20.634234626Z"; // NOW + 0.634 s
  private static final String NOTIFICATION = "{\"subscription\":{\"id\":\"f1c2a387-161a-49f9-a165-0f21d7a4e1c4\","
      + "\"type\":\"channel.follow\",\"version\":\"2\",\"status\":\"enabled\",\"cost\":0,\"condition\":"
      + "{\"broadcaster_user_id\":\"1337\",\"moderator_user_id\":\"1337\"},\"transport\":{\"method\":\"webhook\","
      + "\"callback\":\"https://example.com/webhooks/callback\"},\"created_at\":\"2019-11-16T10:11:12.634234626Z\"},"
      + "\"event\":{\"user_id\":\"1234\",\"user_login\":\"cool_user\",\"user_name\":\"Cool_User\","
      + "\"broadcaster_user_id\":\"1337\",\"broadcaster_user_login\":\"cooler_user\",\"broadcaster_user_name\":"
      + "\"Cooler_User\",\"followed_at\":\"2020-07-15T18:16:11.17106713Z\"}}";
  private static final String NOTIFICATION_SIGNATURE =
      "sha256=b4e2211b484cd08210053fa18a769e736b1c358a63e93f5fe8af46d204eea766";
  private static final String VERIFICATION = "{\"challenge\":\"pogchamp-kappa-360noscope-vohiyo\","
      + "\"subscription\":{\"id\":\"f1c2a387-161a-49f9-a165-0f21d7a4e1c4\",\"status\":"
      + "\"webhook_callback_verification_pending\",\"type\":\"channel.follow\",\"version\":\"2\",\"cost\":1,"
      + "\"condition\":{\"broadcaster_user_id\":\"12826\"},\"transport\":{\"method\":\"webhook\",\"callback\":"
      + "\"https://example.com/webhooks/callback\"},\"created_at\":\"2019-11-16T10:11:12.634234626Z\"}}";
  private static final String VERIFICATION_SIGNATURE =
      "sha256=b66d71a33119305187e52a38160e52d6913f63f21dae19b25f22e716b4a13b45";

  private static SignedRequest message(String signature, String timestamp, String body) {
    return request().header(ID, MESSAGE_ID).header(TIMESTAMP, timestamp).header(SIGNATURE, signature)
        .header(TYPE, "notification").body(body).build();
  }

  private static SignedRequest signed(String secret, Instant at, String body) {
    String ts = at.toString();
    return message("sha256=" + hmacHex("HmacSHA256", secret, MESSAGE_ID + ts + body), ts, body);
  }

  @Test
  void theVectorsFromTwitchsDocumentedAlgorithmAreAccepted() {
    Verifier verifier = verifier("twitch", SECRET);

    assertThat(verifier.verify(message(NOTIFICATION_SIGNATURE, MESSAGE_TS, NOTIFICATION)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(message(VERIFICATION_SIGNATURE, MESSAGE_TS, VERIFICATION)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIdOrTimestampIsRefused() {
    Verifier verifier = verifier("twitch", SECRET);

    assertThat(verifier.verify(message(NOTIFICATION_SIGNATURE, MESSAGE_TS, NOTIFICATION.replace("1234", "4321"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier.verify(message(NOTIFICATION_SIGNATURE, "2023-11-14T22:13:20.634234627Z", NOTIFICATION)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    SignedRequest otherId = request().header(ID, MESSAGE_ID.replace('e', 'f')).header(TIMESTAMP, MESSAGE_TS)
        .header(SIGNATURE, NOTIFICATION_SIGNATURE).body(NOTIFICATION).build();
    assertThat(verifier.verify(otherId)).isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void anotherSecretIsRefused() {
    assertThat(verifier("twitch", WRONG_SECRET).verify(message(NOTIFICATION_SIGNATURE, MESSAGE_TS, NOTIFICATION)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("twitch", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, NOW, NOTIFICATION))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, NOW, NOTIFICATION))).isEqualTo(Verdict.accepted());
  }

  @Test
  void messagesOlderThanTenMinutesAreRefusedByDefault() {
    Verifier verifier = verifier("twitch", OLD_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, NOW.minusSeconds(599), NOTIFICATION)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(OLD_SECRET, NOW.minusSeconds(601), NOTIFICATION)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(signed(OLD_SECRET, NOW.plusSeconds(601), NOTIFICATION)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void aConfiguredToleranceReplacesTheTenMinutes() {
    Verifier strict = Fixtures.build(new VerificationConfig("twitch", List.of(OLD_SECRET), 60, null, null, null,
        null, null, null, null, null, null));

    assertThat(strict.verify(signed(OLD_SECRET, NOW.minusSeconds(59), NOTIFICATION))).isEqualTo(Verdict.accepted());
    assertThat(strict.verify(signed(OLD_SECRET, NOW.minusSeconds(61), NOTIFICATION)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void offsetTimestampsAreRead() {
    String ts = "2023-11-15T00:13:20.5+02:00"; // NOW + 0.5 s
    String signature = "sha256=" + hmacHex("HmacSHA256", OLD_SECRET, MESSAGE_ID + ts + NOTIFICATION);

    assertThat(verifier("twitch", OLD_SECRET).verify(message(signature, ts, NOTIFICATION)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void missingOrMalformedHeadersAreRefused() {
    Verifier verifier = verifier("twitch", SECRET);

    assertThat(verifier.verify(request().header(TIMESTAMP, MESSAGE_TS).header(SIGNATURE, NOTIFICATION_SIGNATURE)
        .body(NOTIFICATION).build())).isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(ID, MESSAGE_ID).header(SIGNATURE, NOTIFICATION_SIGNATURE)
        .body(NOTIFICATION).build())).isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(ID, MESSAGE_ID).header(TIMESTAMP, MESSAGE_TS)
        .body(NOTIFICATION).build())).isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(message(NOTIFICATION_SIGNATURE.substring(7), MESSAGE_TS, NOTIFICATION)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(message("sha256=xyz", MESSAGE_TS, NOTIFICATION)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(message(NOTIFICATION_SIGNATURE, "1700000000", NOTIFICATION)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void secretsMustBeWhatTwitchAccepts() {
    List<FieldError> errors = new ArrayList<>();
    TWITCH.check(VerificationConfig.of("twitch", List.of("short", SECRET, "x".repeat(101), "ten-chars-\u00e9")),
        errors);

    assertThat(errors).extracting(FieldError::pointer)
        .containsExactly("/verification/secrets/0", "/verification/secrets/2", "/verification/secrets/3");
  }

  @Test
  void theMessageIdDedupesAndTheSubscriptionTypeIsTheType() {
    HeaderLookup headers =
        HeaderLookup.of(Map.of(ID, MESSAGE_ID, "Twitch-Eventsub-Subscription-Type", "stream.online"));
    EventBody notification = EventBody.of(NOTIFICATION.getBytes(StandardCharsets.UTF_8));
    EventBody revocation = EventBody.of(("{\"subscription\":{\"id\":\"f1c2a387\",\"status\":\"authorization_revoked\","
        + "\"type\":\"channel.follow\",\"version\":\"2\"}}").getBytes(StandardCharsets.UTF_8));
    EventBody empty = EventBody.of("{}".getBytes(StandardCharsets.UTF_8));
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(TWITCH.eventId(headers, notification)).contains(MESSAGE_ID);
    assertThat(TWITCH.eventType(headers, notification)).contains("channel.follow");
    assertThat(TWITCH.eventType(none, revocation)).contains("channel.follow");
    assertThat(TWITCH.eventType(headers, empty)).contains("stream.online");
    assertThat(TWITCH.eventId(none, empty)).isEmpty();
    assertThat(TWITCH.eventType(none, empty)).isEmpty();
  }

  private static HandshakeRequest post(String messageType, String body) {
    Map<String, String> headers = messageType == null ? Map.of() : Map.of(TYPE, messageType);
    return new HandshakeRequest("POST", Map.of(), HeaderLookup.of(headers), body.getBytes(StandardCharsets.UTF_8),
        "application/json");
  }

  private static Optional<HandshakeReply> answer(HandshakeRequest request) {
    HandshakePolicy policy = TWITCH.handshakes(VerificationConfig.of("twitch", List.of(SECRET)));
    return policy.mayApply(request) ? policy.answer(request) : Optional.empty();
  }

  @Test
  void theVerifiedChallengeIsEchoedAsPlainText() {
    assertThat(TWITCH.handshakes(VerificationConfig.of("twitch", List.of(SECRET))).verifyFirst()).isTrue();
    Optional<HandshakeReply> reply = answer(post("webhook_callback_verification", VERIFICATION));

    assertThat(reply).isPresent();
    assertThat(reply.get().status()).isEqualTo(200);
    assertThat(reply.get().contentType()).startsWith("text/plain");
    assertThat(reply.get().headers()).containsEntry("X-Content-Type-Options", "nosniff");
    assertThat(reply.get().body()).isEqualTo("pogchamp-kappa-360noscope-vohiyo");
  }

  @Test
  void notificationsAndRevocationsAreNotHandshakes() {
    assertThat(answer(post("notification", VERIFICATION))).isEmpty();
    assertThat(answer(post("revocation", VERIFICATION))).isEmpty();
    assertThat(answer(post(null, VERIFICATION))).isEmpty();
  }

  @Test
  void aVerificationWithoutAUsableChallengeIsRefused() {
    String huge = "{\"challenge\":\"" + "x".repeat(1025) + "\"}";

    assertThat(answer(post("webhook_callback_verification", "{}")).map(HandshakeReply::status)).contains(400);
    assertThat(answer(post("webhook_callback_verification", "{\"challenge\":7}")).map(HandshakeReply::status))
        .contains(400);
    assertThat(answer(post("webhook_callback_verification", "not json")).map(HandshakeReply::status))
        .contains(400);
    assertThat(answer(post("webhook_callback_verification", huge)).map(HandshakeReply::status)).contains(400);
  }
}
