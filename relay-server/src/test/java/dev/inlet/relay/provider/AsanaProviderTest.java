package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacHex;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

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

class AsanaProviderTest {

  private static final Provider ASANA = Providers.require("asana");
  private static final String SIGNATURE = "X-Hook-Signature";

  /*
   * The secret is the X-Hook-Secret of Asana's documented handshake ("Establish a webhook",
   * https://developers.asana.com/reference/createwebhook); Asana documents the event signature
   * (https://developers.asana.com/docs/webhooks-guide, "Security": X-Hook-Signature is the hex
   * HMAC-SHA256 of the request body under that secret) but gives no signed example. The signature
   * was made on node 20: crypto.createHmac('sha256', secret).update(body).digest('hex').
   */
  private static final String DOCS_SECRET = "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81";
  private static final String BODY = "{\"events\":[{\"user\":{\"gid\":\"1123\",\"resource_type\":\"user\"},"
      + "\"created_at\":\"2023-11-14T22:13:19.000Z\",\"action\":\"changed\",\"resource\":{\"gid\":\"1337\","
      + "\"resource_type\":\"task\",\"resource_subtype\":\"default_task\"},\"parent\":null,"
      + "\"change\":{\"field\":\"assignee\",\"action\":\"changed\"}}]}";
  private static final String BODY_SIGNATURE = "59db9ec98288ceb8da98f5673e2e7008d8e34fced11b698d0c5f65e269e029a4";

  private static Verifier noSecrets() {
    return Fixtures.build(VerificationConfig.of("asana", List.of()));
  }

  @Test
  void theVectorSignedWithAsanasDocumentedSecretIsAccepted() {
    assertThat(verifier("asana", DOCS_SECRET).verify(request().header(SIGNATURE, BODY_SIGNATURE).body(BODY).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(verifier("asana", DOCS_SECRET).verify(request().header(SIGNATURE, BODY_SIGNATURE)
        .body(BODY.replace("changed", "deleted")).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void anotherSecretIsRefused() {
    assertThat(verifier("asana", WRONG_SECRET).verify(request().header(SIGNATURE, BODY_SIGNATURE).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("asana", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(request().header(SIGNATURE, hmacHex("HmacSHA256", OLD_SECRET, BODY)).body(BODY)
        .build())).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(request().header(SIGNATURE, hmacHex("HmacSHA256", NEW_SECRET, BODY)).body(BODY)
        .build())).isEqualTo(Verdict.accepted());
  }

  @Test
  void missingOrMalformedSignaturesAreRefused() {
    Verifier verifier = verifier("asana", DOCS_SECRET);

    assertThat(verifier.verify(request().body(BODY).build())).isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(SIGNATURE, "not-hex").body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void withoutASecretEveryEventIsRefused() {
    Verifier verifier = noSecrets();

    assertThat(ASANA.needsSecrets()).isFalse();
    assertThat(verifier.verify(request().header(SIGNATURE, BODY_SIGNATURE).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier.verify(request().body(BODY).build())).isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(SIGNATURE, "zz").body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void theBodyHashDedupesAndTheFirstEventNamesTheType() {
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(ASANA.eventId(none, EventBody.of(BODY.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    assertThat(ASANA.eventType(none, EventBody.of(BODY.getBytes(StandardCharsets.UTF_8)))).contains("task.changed");
    assertThat(ASANA.eventType(none, EventBody.of("{\"events\":[{\"action\":\"added\"}]}"
        .getBytes(StandardCharsets.UTF_8)))).contains("added");
    assertThat(ASANA.eventType(none, EventBody.of("{\"events\":[]}".getBytes(StandardCharsets.UTF_8)))).isEmpty();
  }

  private static HandshakeRequest post(Map<String, String> headers) {
    return new HandshakeRequest("POST", Map.of(), HeaderLookup.of(headers), new byte[0], null);
  }

  private static Optional<HandshakeReply> answer(HandshakeRequest request, String... secrets) {
    HandshakePolicy policy = ASANA.handshakes(VerificationConfig.of("asana", List.of(secrets)));
    return policy.mayApply(request) ? policy.answer(request) : Optional.empty();
  }

  @Test
  void withoutASecretTheHandshakeIsEchoedAndItsSecretLearned() {
    Optional<HandshakeReply> reply = answer(post(Map.of("X-Hook-Secret", DOCS_SECRET)));

    assertThat(ASANA.handshakes(VerificationConfig.of("asana", List.of())).verifyFirst()).isFalse();
    assertThat(reply).isPresent();
    assertThat(reply.get().status()).isEqualTo(200);
    assertThat(reply.get().headers()).containsEntry("X-Hook-Secret", DOCS_SECRET)
        .containsEntry("X-Content-Type-Options", "nosniff");
    assertThat(reply.get().body()).isEmpty();
    assertThat(reply.get().learnedSecret()).isEqualTo(DOCS_SECRET);
    assertThat(reply.get().toString()).doesNotContain(DOCS_SECRET).contains("[redacted]");
  }

  @Test
  void withSecretsOnlyAKnownSecretIsEchoedAndNothingIsLearned() {
    Optional<HandshakeReply> known = answer(post(Map.of("X-Hook-Secret", NEW_SECRET)), OLD_SECRET, NEW_SECRET);
    Optional<HandshakeReply> stranger = answer(post(Map.of("X-Hook-Secret", WRONG_SECRET)), OLD_SECRET, NEW_SECRET);

    assertThat(known.map(HandshakeReply::status)).contains(200);
    assertThat(known.get().headers()).containsEntry("X-Hook-Secret", NEW_SECRET);
    assertThat(known.get().learnedSecret()).isNull();
    assertThat(stranger.map(HandshakeReply::status)).contains(403);
    assertThat(stranger.get().headers()).doesNotContainKey("X-Hook-Secret");
    assertThat(stranger.get().body()).doesNotContain(WRONG_SECRET).doesNotContain(OLD_SECRET);
    assertThat(stranger.get().learnedSecret()).isNull();
  }

  @Test
  void malformedOrOverlongSecretsAreRefusedAndNeverLearned() {
    for (String bad : new String[] {"", "two words", "line\r\nX-Injected: 1", "x".repeat(1025), "caf\u00e9"}) {
      Optional<HandshakeReply> reply = answer(post(Map.of("X-Hook-Secret", bad)));
      assertThat(reply.map(HandshakeReply::status)).as(bad).contains(400);
      assertThat(reply.get().learnedSecret()).isNull();
      assertThat(reply.get().headers()).doesNotContainKey("X-Hook-Secret");
    }
  }

  @Test
  void eventsAndGetsAreNotTheHandshake() {
    assertThat(answer(post(Map.of(SIGNATURE, BODY_SIGNATURE)))).isEmpty();
    HandshakeRequest get = new HandshakeRequest("GET", Map.of(), HeaderLookup.of(Map.of("X-Hook-Secret", "abc")),
        new byte[0], null);
    assertThat(answer(get)).isEmpty();
  }

  @Test
  void otherRepliesLearnNothing() {
    assertThat(HandshakeReply.text(200, "ok").learnedSecret()).isNull();
    assertThat(HandshakeReply.json("{}").learnedSecret()).isNull();
    assertThat(new HandshakeReply(200, "text/plain", "ok").learnedSecret()).isNull();
    assertThat(new HandshakeReply(200, "text/plain", "ok", Map.of("A", "b")).learnedSecret()).isNull();
  }
}
