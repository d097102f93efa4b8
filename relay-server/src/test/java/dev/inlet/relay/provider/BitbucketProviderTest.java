package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacHex;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bitbucket Cloud (Atlassian, "Introducing enhanced webhook security" and "Manage webhooks"; headers
 * from "Event payloads"): a webhook with a secret sends {@code X-Hub-Signature: sha256=<hex
 * HMAC-SHA256(secret, raw body)>}; every request carries {@code X-Event-Key}, {@code X-Hook-UUID},
 * {@code X-Request-UUID} and {@code X-Attempt-Number}.
 */
class BitbucketProviderTest {

  private static final String HEADER = "X-Hub-Signature";

  /*
   * Bitbucket's docs give no complete example (their sample header is a placeholder), so this vector
   * was made with an independent HMAC implementation: crypto-js@4.2.0 from npm,
   * "sha256=" + CryptoJS.HmacSHA256(VECTOR_BODY, VECTOR_SECRET).toString(CryptoJS.enc.Hex).
   * The body is a trimmed repo:push payload.
   */
  private static final String VECTOR_SECRET = "bitbucket-webhook-secret-91c2";
  private static final String VECTOR_BODY = "{\"push\":{\"changes\":[{\"new\":{\"type\":\"branch\",\"name\":\"main\","
      + "\"target\":{\"hash\":\"709d658dc5b6d6afcd46049c2f332ee3f515a67d\"}}}]},\"repository\":{\"type\":"
      + "\"repository\",\"full_name\":\"team/repo\",\"uuid\":\"{e2b0a1c6-3c1f-4b5e-9a7d-2f3e4d5c6b7a}\"},"
      + "\"actor\":{\"type\":\"user\",\"display_name\":\"Emma\"}}";
  private static final String VECTOR_SIGNATURE =
      "sha256=59b70c39184717a15388aed5299071cb8c89d6d385abc6ab4e095bc0822b571b";

  private static SignedRequest signed(String secret, String body) {
    return request().header(HEADER, "sha256=" + hmacHex("HmacSHA256", secret, body)).body(body).build();
  }

  @Test
  void theVectorMadeByAnIndependentHmacIsAccepted() {
    SignedRequest request = request().header(HEADER, VECTOR_SIGNATURE).body(VECTOR_BODY).build();

    assertThat(verifier("bitbucket", VECTOR_SECRET).verify(request)).isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    SignedRequest request = request().header(HEADER, VECTOR_SIGNATURE)
        .body(VECTOR_BODY.replace("\"main\"", "\"release\"")).build();

    assertThat(verifier("bitbucket", VECTOR_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("bitbucket", OLD_SECRET).verify(signed(WRONG_SECRET, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("bitbucket", OLD_SECRET).verify(request().body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void headerWithoutItsPrefixOrNotHexIsMalformed() {
    Verifier verifier = verifier("bitbucket", OLD_SECRET);
    String sha1 = "sha1=" + hmacHex("HmacSHA1", OLD_SECRET, VECTOR_BODY);

    assertThat(verifier.verify(request().header(HEADER, sha1).body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(request().header(HEADER, "sha256=xyz").body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("bitbucket", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, VECTOR_BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, VECTOR_BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void theRequestUuidDedupesAndTheEventKeyIsTheType() {
    Provider bitbucket = Providers.require("bitbucket");
    HeaderLookup headers = HeaderLookup.of(Map.of(
        "X-Event-Key", "repo:push",
        "X-Hook-UUID", "{8b0f4f2e-0d6c-4a8e-9d61-1c1f2e3d4c5b}",
        "X-Request-UUID", "{2a9c1b7e-5f3d-4e2a-8c6b-9d0e1f2a3b4c}",
        "X-Attempt-Number", "2"));
    EventBody body = EventBody.of(VECTOR_BODY.getBytes(StandardCharsets.UTF_8));

    assertThat(bitbucket.eventId(headers, body)).contains("{2a9c1b7e-5f3d-4e2a-8c6b-9d0e1f2a3b4c}");
    assertThat(bitbucket.eventType(headers, body)).contains("repo:push");
  }

  @Test
  void withoutThoseHeadersThereIsNoIdAndNoType() {
    Provider bitbucket = Providers.require("bitbucket");
    HeaderLookup onlyTheHook = HeaderLookup.of(Map.of("X-Hook-UUID", "{8b0f4f2e-0d6c-4a8e-9d61-1c1f2e3d4c5b}"));
    EventBody body = EventBody.of(VECTOR_BODY.getBytes(StandardCharsets.UTF_8));

    assertThat(bitbucket.eventId(onlyTheHook, body)).isEmpty();
    assertThat(bitbucket.eventType(onlyTheHook, body)).isEmpty();
  }
}
