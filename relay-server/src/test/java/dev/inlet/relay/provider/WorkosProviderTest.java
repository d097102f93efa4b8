package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.NOW;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WorkOS ("Sync data with webhooks", workos.com/docs: the endpoint accepts POSTs with the {@code
 * workos-signature} header; the SDKs' verifyHeader/compute_signature): {@code WorkOS-Signature: t=<ms>,
 * v1=<hex HMAC-SHA256(secret, "{t}.{body}")>}, parts split on {@code ,} and trimmed, refused past a
 * tolerance of 180000 ms by default.
 */
class WorkosProviderTest {

  private static final String HEADER = "WorkOS-Signature";
  private static final long T = NOW.toEpochMilli();

  /*
   * Made with WorkOS's own library, @workos-inc/node@8.13.0 from npm:
   *   await new WorkOS('sk_test_123').webhooks.computeSignature(1700000000000, payload, VECTOR_SECRET)
   * where payload is the parsed VECTOR_BODY (the library signs JSON.stringify(payload), which is
   * VECTOR_BODY byte for byte); webhooks.constructEvent accepted the same payload signed with a
   * current timestamp in the header form "t=<t>, v1=<hex>".
   */
  private static final String VECTOR_SECRET = "workos-webhook-secret-0d9f";
  private static final String VECTOR_BODY = "{\"id\":\"event_01HGX6Z8Q4R3W5T7Y9U1I3O5P7\",\"event\":\"user.created\","
      + "\"data\":{\"object\":\"user\",\"id\":\"user_01E4ZCR3C56J083X43JQXF3JK5\","
      + "\"email\":\"marcelina.davis@example.com\"},\"created_at\":\"2023-11-14T22:13:20.000Z\"}";
  private static final String VECTOR_HEADER =
      "t=1700000000000, v1=20f0944f9bbcb5b86cf7bf2b6b53f143978a7882ca82521194e2f0b0cc25eaeb";

  private static String header(String secret, long t, String body) {
    return "t=" + t + ", v1=" + hmacHex("HmacSHA256", secret, t + "." + body);
  }

  private static SignedRequest withHeader(String value, String body) {
    return request().header(HEADER, value).body(body).build();
  }

  @Test
  void theVectorMadeByWorkosLibraryIsAccepted() {
    assertThat(verifier("workos", VECTOR_SECRET).verify(withHeader(VECTOR_HEADER, VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void theHeaderParsesWithOrWithoutTheSpaceAndAnyV1MayMatch() {
    Verifier verifier = verifier("workos", VECTOR_SECRET);
    String v1 = VECTOR_HEADER.substring(VECTOR_HEADER.indexOf("v1="));

    assertThat(verifier.verify(withHeader(VECTOR_HEADER.replace(", ", ","), VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader("t=" + T + ", v1=00ff, " + v1, VECTOR_BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(verifier("workos", VECTOR_SECRET)
        .verify(withHeader(VECTOR_HEADER, VECTOR_BODY.replace("user.created", "user.deleted"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void anotherTimestampInTheHeaderIsRefused() {
    String moved = VECTOR_HEADER.replace("t=1700000000000", "t=1700000000001");

    assertThat(verifier("workos", VECTOR_SECRET).verify(withHeader(moved, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("workos", OLD_SECRET).verify(withHeader(header(WRONG_SECRET, T, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void theDefaultToleranceIs180Seconds() {
    Verifier verifier = verifier("workos", OLD_SECRET);

    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T - 180_000, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T - 180_001, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T + 180_001, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void theTimestampIsMillisecondsNotSeconds() {
    long seconds = NOW.getEpochSecond();

    assertThat(verifier("workos", OLD_SECRET).verify(withHeader(header(OLD_SECRET, seconds, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void configuredToleranceIsUsed() {
    VerificationConfig config = new VerificationConfig(
        "workos", List.of(OLD_SECRET), 600, null, null, null, null, null, null, null, null, null);

    assertThat(Fixtures.build(config).verify(withHeader(header(OLD_SECRET, T - 500_000, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("workos", OLD_SECRET).verify(request().body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void headerWithoutTimestampOrSignatureIsMalformed() {
    Verifier verifier = verifier("workos", OLD_SECRET);
    String signature = hmacHex("HmacSHA256", OLD_SECRET, T + "." + VECTOR_BODY);

    assertThat(verifier.verify(withHeader("v1=" + signature, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(withHeader("t=" + T, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(withHeader("t=" + T + ", v1=xyz", VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(withHeader("t=soon, v1=" + signature, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("workos", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader(header(NEW_SECRET, T, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void theEventIdDedupesAndTheEventIsTheType() {
    Provider workos = Providers.require("workos");
    EventBody body = EventBody.of(VECTOR_BODY.getBytes(StandardCharsets.UTF_8));
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(workos.eventId(none, body)).contains("event_01HGX6Z8Q4R3W5T7Y9U1I3O5P7");
    assertThat(workos.eventType(none, body)).contains("user.created");
  }

  @Test
  void aBodyWithoutThemGivesNoIdAndNoType() {
    Provider workos = Providers.require("workos");
    EventBody body = EventBody.of("{\"data\":{\"id\":\"user_1\"}}".getBytes(StandardCharsets.UTF_8));
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(workos.eventId(none, body)).isEmpty();
    assertThat(workos.eventType(none, body)).isEmpty();
  }
}
