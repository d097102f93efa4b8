package dev.inlet.relay.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inlet.relay.handshake.HandshakeReply;
import dev.inlet.relay.handshake.HandshakeRequest;
import dev.inlet.relay.verify.HeaderLookup;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HandshakesTest {

  private static final String SECRET = "zoom-or-x-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static VerificationConfig config(String scheme, String header, String verifyToken) {
    return new VerificationConfig(
        scheme,
        List.of(SECRET, "second"),
        null,
        header,
        null,
        null,
        null,
        null,
        null,
        null,
        verifyToken,
        null);
  }

  /** What an endpoint so configured answers (signature checks, where its policy wants them, are the pipeline's). */
  private static Optional<HandshakeReply> answer(HandshakeRequest request, VerificationConfig config) {
    return Providers.require(config.scheme()).handshakes(config).answer(request);
  }

  private static final VerificationConfig NONE = VerificationConfig.none();
  private static final VerificationConfig ZOOM = config("zoom", null, null);
  private static final VerificationConfig SLACK = config("slack", null, null);
  private static final VerificationConfig META = config("github", null, "meta-verify-token");
  private static final VerificationConfig X = config("hmac", "X-Twitter-Webhooks-Signature", null);

  private static HandshakeRequest get(Map<String, String> query) {
    Map<String, List<String>> multi = new HashMap<>();
    query.forEach((k, v) -> multi.put(k, List.of(v)));
    return new HandshakeRequest("GET", multi, HeaderLookup.of(Map.of()), new byte[0], null);
  }

  private static HandshakeRequest post(Map<String, List<String>> query, String body) {
    return new HandshakeRequest(
        "POST",
        query,
        HeaderLookup.of(Map.of()),
        body.getBytes(StandardCharsets.UTF_8),
        "application/json");
  }

  private static HandshakeRequest post(String body) {
    return post(Map.of(), body);
  }

  private static byte[] hmacSha256(String key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertPlainText(Optional<HandshakeReply> reply, int status, String body) {
    assertThat(reply).isPresent();
    assertThat(reply.get().status()).isEqualTo(status);
    assertThat(reply.get().contentType()).startsWith("text/plain");
    assertThat(reply.get().headers()).containsEntry("X-Content-Type-Options", "nosniff");
    assertThat(reply.get().body()).isEqualTo(body);
  }

  @Test
  void slackUrlVerificationEchoesTheChallenge() {
    String body =
        "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}";

    assertPlainText(
        answer(post(body), SLACK),
        200,
        "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  }

  @Test
  void zoomUrlValidationAnswersWithTheHmacOfThePlainToken() throws Exception {
    String body =
        "{\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1654503849680,\"event\":\"endpoint.url_validation\"}";

    Optional<HandshakeReply> reply = answer(post(body), ZOOM);

    assertThat(reply).isPresent();
    assertThat(reply.get().status()).isEqualTo(200);
    assertThat(reply.get().contentType()).isEqualTo("application/json");
    JsonNode json = JSON.readTree(reply.get().body());
    assertThat(json.get("plainToken").asText()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
    assertThat(json.get("encryptedToken").asText())
        .isEqualTo(HexFormat.of().formatHex(hmacSha256(SECRET, "qgg8vlvZRS6UYooatFL8Aw")));
  }

  @Test
  void zoomUrlValidationIsNotAnsweredByEndpointsOfOtherSchemes() {
    String body =
        "{\"payload\":{\"plainToken\":\"anything\"},\"event\":\"endpoint.url_validation\"}";

    assertThat(answer(post(body), config("github", null, null))).isEmpty();
  }

  @Test
  void metaSubscriptionEchoesTheChallengeForTheRightVerifyToken() {
    HandshakeRequest request =
        get(
            Map.of(
                "hub.mode",
                "subscribe",
                "hub.challenge",
                "1158201444",
                "hub.verify_token",
                "meta-verify-token"));

    assertPlainText(answer(request, META), 200, "1158201444");
  }

  @Test
  void metaSubscriptionWithAWrongOrUnconfiguredVerifyTokenIsForbidden() {
    HandshakeRequest wrong =
        get(
            Map.of(
                "hub.mode",
                "subscribe",
                "hub.challenge",
                "1158201444",
                "hub.verify_token",
                "guess"));

    assertPlainText(answer(wrong, META), 403, "verify token mismatch");
    assertThat(answer(wrong, NONE).map(HandshakeReply::status)).contains(403);
    assertThat(
            answer(get(Map.of("hub.mode", "subscribe", "hub.challenge", "1")), META)
                .map(HandshakeReply::status))
        .contains(403);
  }

  @Test
  void microsoftGraphValidationTokenIsEchoed() {
    HandshakeRequest request =
        post(Map.of("validationToken", List.of("Validation: Token <b>1</b>")), "");

    assertPlainText(answer(request, NONE), 200, "Validation: Token <b>1</b>");
  }

  @Test
  void dropboxChallengeIsEchoedAsPlainText() {
    assertPlainText(answer(get(Map.of("challenge", "abc123")), NONE), 200, "abc123");
  }

  @Test
  void twitterCrcIsAnsweredByEndpointsConfiguredForX() throws Exception {
    Optional<HandshakeReply> reply =
        answer(get(Map.of("crc_token", "challenge-from-x")), X);

    assertThat(reply).isPresent();
    assertThat(reply.get().status()).isEqualTo(200);
    assertThat(reply.get().contentType()).isEqualTo("application/json");
    assertThat(JSON.readTree(reply.get().body()).get("response_token").asText())
        .isEqualTo(
            "sha256=" + Base64.getEncoder().encodeToString(hmacSha256(SECRET, "challenge-from-x")));
  }

  @Test
  void twitterCrcIsNotASigningOracleForOtherSchemes() {
    assertThat(
            answer(
                get(Map.of("crc_token", "{\"forged\":true}")), config("shopify", null, null)))
        .isEmpty();
  }

  @Test
  void challengesShapedLikeSignedMessagesAreRefused() {
    String zoomBody =
        "{\"payload\":{\"plainToken\":\"v0:1700000000:{}\"},\"event\":\"endpoint.url_validation\"}";

    assertThat(answer(post(zoomBody), ZOOM).map(HandshakeReply::status)).contains(400);
    assertThat(
            answer(get(Map.of("crc_token", "{\"forged\":true}")), X)
                .map(HandshakeReply::status))
        .contains(400);
  }

  @Test
  void crcTokensOutsideXsAlphabetAreRefusedSoNoBodyCanComeBackSigned() {
    for (String token : List.of("\uFEFF{\"forged\":true}", " {\"a\":1}", "[1]", "a b", "x".repeat(257), "tok\n")) {
      assertThat(answer(get(Map.of("crc_token", token)), X).map(HandshakeReply::status)).as(token).contains(400);
    }
    assertThat(answer(get(Map.of("crc_token", "NTIzZWJhZTEtOTA5Ni00ZGJmLWJkNGEtM2FhOTk4YmY5ZTZh=")), X)
        .map(HandshakeReply::status)).contains(200);
    assertThat(answer(get(Map.of("crc_token", "x".repeat(256))), X).map(HandshakeReply::status)).contains(200);
  }

  @Test
  void reflectedValuesAreLengthLimited() {
    String huge = "x".repeat(1025);

    assertPlainText(
        answer(get(Map.of("challenge", huge)), NONE),
        400,
        "challenge missing or too long");
    assertThat(
            answer(
                    post("{\"type\":\"url_verification\",\"challenge\":\"" + huge + "\"}"), SLACK)
                .map(HandshakeReply::status))
        .contains(400);
    assertThat(
            answer(get(Map.of("challenge", "x".repeat(1024))), NONE)
                .map(HandshakeReply::status))
        .contains(200);
  }

  @Test
  void ordinaryRequestsAreNotHandshakes() {
    assertThat(answer(post("{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}"), SLACK))
        .isEmpty();
    assertThat(answer(post("{\"event\":\"meeting.started\"}"), ZOOM)).isEmpty();
    assertThat(answer(post("not json at all"), NONE)).isEmpty();
    assertThat(answer(post("{\"type\":"), NONE)).isEmpty();
    assertThat(answer(post("[1,2,3]"), NONE)).isEmpty();
    assertThat(answer(get(Map.of("page", "2")), NONE)).isEmpty();
    assertThat(
            answer(
                new HandshakeRequest("PUT", null, HeaderLookup.of(Map.of()), null, null), NONE))
        .isEmpty();
  }

  @Test
  void replyWithoutHeadersHasAnEmptyHeaderMap() {
    assertThat(new HandshakeReply(200, "text/plain", "ok").headers()).isEmpty();
  }
}
