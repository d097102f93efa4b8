package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.NOW;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacBase64;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZendeskProviderTest {

  private static final String SIGNATURE = "X-Zendesk-Webhook-Signature";
  private static final String TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";
  /** Fixtures.NOW as Zendesk writes it. */
  private static final String TS = "2023-11-14T22:13:20Z";
  private static final String BODY =
      "{\"type\":\"zen:event-type:user.active_changed\",\"account_id\":12514403,"
          + "\"id\":\"2b24ef10-19d4-4740-93cf-8f98ec4776c0\",\"time\":\"2023-11-14T22:13:18Z\","
          + "\"zendesk_event_version\":\"2022-06-20\",\"subject\":\"zen:user:6596848315901\","
          + "\"detail\":{\"id\":\"6596848315901\",\"role\":\"end-user\"},"
          + "\"event\":{\"current\":false,\"previous\":true}}";

  private static final Provider PROVIDER = Providers.require("zendesk");

  private static String sign(String secret, String timestamp, String body) {
    return hmacBase64("HmacSHA256", secret, timestamp + body);
  }

  private static SignedRequest signed(String signature, String timestamp, String body) {
    return request().header(SIGNATURE, signature).header(TIMESTAMP, timestamp).body(body).build();
  }

  /**
   * Zendesk's "Verifying webhook authenticity" (https://developer.zendesk.com/documentation/webhooks/verifying/)
   * gives base64(HMACSHA256(TIMESTAMP + BODY)) and the test signing secret below, but no signed
   * example, so this vector was made with node 20's crypto following it:
   * {@code crypto.createHmac('sha256', secret).update(TS + BODY).digest('base64')}. The body is
   * the example payload of Zendesk's "Webhook event types" page, shortened.
   */
  @Test
  void vectorMadeByTheDocumentedAlgorithmIsAccepted() {
    Verifier verifier = verifier("zendesk", "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==");

    assertThat(verifier.verify(signed("gZxUIBJIhwMakjbFZ37ndcaPYLyBbS5Y9v2qTzX4lxs=", TS, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  /**
   * An older copy of the same page gave the formula body-first, {@code (BODY)(TIMESTAMP)}, with an
   * example signed that way; the current page, and the integrations in use, sign timestamp first.
   * That superseded example is refused.
   */
  @Test
  void supersededBodyFirstExampleIsRefused() {
    Verifier verifier = verifier("zendesk", "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=");
    SignedRequest request = request()
        .header(SIGNATURE, "tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=")
        .header(TIMESTAMP, "2021-07-25T10:00:00Z")
        .body("{\"say\": \"hello\"}")
        .now(Instant.parse("2021-07-25T10:00:00Z"))
        .build();

    assertThat(verifier.verify(request)).isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(verifier("zendesk", OLD_SECRET).verify(
            signed(sign(OLD_SECRET, TS, BODY), TS, BODY.replace("end-user", "admin"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void alteredTimestampIsRefused() {
    assertThat(verifier("zendesk", OLD_SECRET).verify(
            signed(sign(OLD_SECRET, TS, BODY), "2023-11-14T22:13:21Z", BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("zendesk", OLD_SECRET).verify(signed(sign(WRONG_SECRET, TS, BODY), TS, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeadersAreRefused() {
    Verifier verifier = verifier("zendesk", OLD_SECRET);
    String signature = sign(OLD_SECRET, TS, BODY);

    assertThat(verifier.verify(request().header(TIMESTAMP, TS).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(SIGNATURE, signature).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void malformedHeadersAreRefused() {
    Verifier verifier = verifier("zendesk", OLD_SECRET);
    String unixSeconds = String.valueOf(NOW.getEpochSecond());

    assertThat(verifier.verify(signed("%%not base64%%", TS, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(signed(sign(OLD_SECRET, unixSeconds, BODY), unixSeconds, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void staleTimestampIsRefusedAndOneWithinToleranceAccepted() {
    Verifier verifier = verifier("zendesk", OLD_SECRET);
    String stale = "2023-11-14T22:08:19Z"; // 301 s before NOW
    String edge = "2023-11-14T22:08:20Z"; // 300 s before NOW
    String withOffset = "2023-11-14T23:13:00+01:00"; // 20 s before NOW

    assertThat(verifier.verify(signed(sign(OLD_SECRET, stale, BODY), stale, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(signed(sign(OLD_SECRET, edge, BODY), edge, BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(sign(OLD_SECRET, withOffset, BODY), withOffset, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void configuredToleranceIsUsed() {
    String old = "2023-11-14T21:13:20Z"; // an hour before NOW
    VerificationConfig config = new VerificationConfig(
        "zendesk", List.of(OLD_SECRET), 3600, null, null, null, null, null, null, null, null, null);

    assertThat(Fixtures.build(config).verify(signed(sign(OLD_SECRET, old, BODY), old, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("zendesk", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(sign(OLD_SECRET, TS, BODY), TS, BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(sign(NEW_SECRET, TS, BODY), TS, BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void invocationIdDedupesElseTheEventIdOfAnEventPayload() {
    assertThat(PROVIDER.eventId(headers("X-Zendesk-Webhook-Invocation-Id", "8350205582"), body(BODY)))
        .contains("8350205582");
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of()), body(BODY)))
        .contains("2b24ef10-19d4-4740-93cf-8f98ec4776c0");
  }

  @Test
  void aTriggersCustomBodyIdIsNotTakenForAnEventId() {
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of()), body("{\"id\":\"12345\",\"status\":\"open\"}")))
        .isEmpty();
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of()), body("not json"))).isEmpty();
  }

  @Test
  void typeIsTheBodyType() {
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body(BODY)))
        .contains("zen:event-type:user.active_changed");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body("{\"ticket_id\":1}"))).isEmpty();
  }

  private static HeaderLookup headers(String name, String value) {
    return HeaderLookup.of(Map.of(name, value));
  }

  private static EventBody body(String text) {
    return EventBody.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
