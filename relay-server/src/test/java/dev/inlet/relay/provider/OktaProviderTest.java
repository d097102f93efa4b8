package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.HandshakeReply;
import dev.inlet.relay.handshake.HandshakeRequest;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Okta signs nothing: the documented example is the request shape of Okta's "Event Hooks" concept
 * page (https://developer.okta.com/docs/concepts/event-hooks/, "HTTP Headers": {@code
 * Authorization: ${key}}, the secret as configured; "One-Time Verification Request"; "Sample Event
 * Delivery Payload", abridged below).
 */
class OktaProviderTest {

  private static final Provider OKTA = Providers.require("okta");
  private static final String SAMPLE = "{\"eventType\":\"com.okta.event_hook\",\"eventTypeVersion\":\"1.0\","
      + "\"cloudEventsVersion\":\"0.1\",\"contentType\":\"application/json\","
      + "\"eventId\":\"b5a188b9-5ece-4636-b041-482ffda96311\",\"eventTime\":\"2019-03-27T16:59:53.032Z\","
      + "\"source\":\"https://example.okta.com/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3\",\"data\":{\"events\":[{"
      + "\"version\":\"0\",\"severity\":\"INFO\",\"actor\":{\"id\":\"00u1qw6mqitPHM8AJ0g7\",\"type\":\"User\","
      + "\"alternateId\":\"admin@example.com\",\"displayName\":\"Example Admin\"},\"outcome\":{\"result\":\"SUCCESS\"},"
      + "\"uuid\":\"f790999f-fe87-467a-9880-6982a583986c\",\"published\":\"2018-03-28T22:23:07.777Z\","
      + "\"eventType\":\"user.session.start\",\"displayMessage\":\"User login to Okta\"}]}}";

  private static Verifier withHeader(String header, String... secrets) {
    return Fixtures.build(new VerificationConfig("okta", List.of(secrets), null, header, null, null, null, null,
        null, null, null, null));
  }

  @Test
  void oktasDocumentedRequestIsAccepted() {
    Verifier verifier = verifier("okta", "my-okta-hook-key");

    assertThat(verifier.verify(request().header("Accept", "application/json")
        .header("Content-Type", "application/json").header("Authorization", "my-okta-hook-key").body(SAMPLE).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void theValueIsComparedWholeWithoutABearerScheme() {
    Verifier verifier = verifier("okta", OLD_SECRET);

    assertThat(verifier.verify(request().header("Authorization", "Bearer " + OLD_SECRET).body(SAMPLE).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier.verify(request().header("Authorization", OLD_SECRET + "x").body(SAMPLE).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier("okta", "Basic YWRtaW46c3VwZXJzZWNyZXQ=")
        .verify(request().header("Authorization", "Basic YWRtaW46c3VwZXJzZWNyZXQ=").body(SAMPLE).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void anotherSecretIsRefused() {
    assertThat(verifier("okta", OLD_SECRET).verify(request().header("Authorization", WRONG_SECRET).body(SAMPLE)
        .build())).isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  /** The body is not signed: only the header authenticates, so a changed body with it is accepted. */
  @Test
  void theBodyIsNotSigned() {
    assertThat(verifier("okta", OLD_SECRET).verify(request().header("Authorization", OLD_SECRET)
        .body(SAMPLE.replace("SUCCESS", "FAILURE")).build())).isEqualTo(Verdict.accepted());
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("okta", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(request().header("Authorization", OLD_SECRET).body(SAMPLE).build()))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(request().header("Authorization", NEW_SECRET).body(SAMPLE).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void aConfiguredHeaderIsReadInstead() {
    Verifier verifier = withHeader("X-Okta-Hook-Auth", OLD_SECRET);

    assertThat(verifier.verify(request().header("x-okta-hook-auth", OLD_SECRET).body(SAMPLE).build()))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(request().header("Authorization", OLD_SECRET).body(SAMPLE).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void aMissingHeaderIsRefused() {
    Verifier verifier = verifier("okta", OLD_SECRET);

    assertThat(verifier.verify(request().body(SAMPLE).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header("Authorization", "  ").body(SAMPLE).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(OKTA.needsSecrets()).isTrue();
    assertThatThrownBy(() -> verifier("okta")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDeliveryIdDedupesAndTheFirstEventNamesTheType() {
    HeaderLookup none = HeaderLookup.of(Map.of());
    EventBody sample = EventBody.of(SAMPLE.getBytes(StandardCharsets.UTF_8));
    EventBody empty = EventBody.of("{\"eventType\":\"com.okta.event_hook\",\"data\":{\"events\":[]}}"
        .getBytes(StandardCharsets.UTF_8));

    assertThat(OKTA.eventId(none, sample)).contains("b5a188b9-5ece-4636-b041-482ffda96311");
    assertThat(OKTA.eventType(none, sample)).contains("user.session.start");
    assertThat(OKTA.eventId(none, empty)).isEmpty();
    assertThat(OKTA.eventType(none, empty)).isEmpty();
  }

  private static HandshakeRequest get(Map<String, String> headers) {
    return new HandshakeRequest("GET", Map.of(), HeaderLookup.of(headers), new byte[0], null);
  }

  private static Optional<HandshakeReply> answer(HandshakeRequest request) {
    HandshakePolicy policy = OKTA.handshakes(VerificationConfig.of("okta", List.of(OLD_SECRET)));
    return policy.mayApply(request) ? policy.answer(request) : Optional.empty();
  }

  @Test
  void theVerificationIsCheckedFirstAndAnsweredAsJson() throws Exception {
    HandshakePolicy policy = OKTA.handshakes(VerificationConfig.of("okta", List.of(OLD_SECRET)));
    Map<String, String> headers = Map.of("Authorization", OLD_SECRET,
        "X-Okta-Verification-Challenge", "2ujYTqJj7b-n9v7Y6-6QSy4bjGeyGUvrs8RY6gp4");

    assertThat(policy.verifyFirst()).isTrue();
    assertThat(verifier("okta", OLD_SECRET).verify(request().header("Authorization", OLD_SECRET).build()))
        .isEqualTo(Verdict.accepted());
    Optional<HandshakeReply> reply = answer(get(headers));
    assertThat(reply).isPresent();
    assertThat(reply.get().status()).isEqualTo(200);
    assertThat(reply.get().contentType()).isEqualTo("application/json");
    assertThat(new ObjectMapper().readTree(reply.get().body()).get("verification").asText())
        .isEqualTo("2ujYTqJj7b-n9v7Y6-6QSy4bjGeyGUvrs8RY6gp4");
  }

  @Test
  void theChallengeIsEscapedAndLengthLimited() throws Exception {
    Optional<HandshakeReply> quoted = answer(get(Map.of("X-Okta-Verification-Challenge", "a\"}<b>")));
    assertThat(new ObjectMapper().readTree(quoted.get().body()).get("verification").asText()).isEqualTo("a\"}<b>");

    assertThat(answer(get(Map.of("X-Okta-Verification-Challenge", "x".repeat(1025)))).map(HandshakeReply::status))
        .contains(400);
    assertThat(answer(get(Map.of("X-Okta-Verification-Challenge", ""))).map(HandshakeReply::status)).contains(400);
  }

  @Test
  void requestsWithoutTheChallengeOrByPostAreNotTheHandshake() {
    assertThat(answer(get(Map.of("Authorization", OLD_SECRET)))).isEmpty();
    HandshakeRequest post = new HandshakeRequest("POST", Map.of(),
        HeaderLookup.of(Map.of("X-Okta-Verification-Challenge", "abc")), SAMPLE.getBytes(StandardCharsets.UTF_8),
        "application/json");
    assertThat(answer(post)).isEmpty();
  }
}
