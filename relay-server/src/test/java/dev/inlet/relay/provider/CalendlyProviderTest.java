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

class CalendlyProviderTest {

  private static final String HEADER = "Calendly-Webhook-Signature";
  private static final long T = NOW.getEpochSecond();
  private static final String BODY =
      "{\"created_at\":\"2023-11-14T22:13:19.000000Z\","
          + "\"created_by\":\"https://api.calendly.com/users/AAAAAAAAAAAAAAAA\",\"event\":\"invitee.created\","
          + "\"payload\":{\"uri\":\"https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/"
          + "AAAAAAAAAAAAAAAA\",\"email\":\"test@example.com\",\"name\":\"John Doe\",\"status\":\"active\"}}";

  private static final Provider PROVIDER = Providers.require("calendly");

  private static String header(String key, long t, String body) {
    return "t=" + t + ",v1=" + hmacHex("HmacSHA256", key, t + "." + body);
  }

  private static SignedRequest withHeader(String value, String body) {
    return request().header(HEADER, value).body(body).build();
  }

  /**
   * Calendly's "Webhook Signatures" page
   * (https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures) describes the
   * header and the HMAC-SHA256 hex digest of {@code "{t}.{body}"} under the signing key, with no
   * signed example; this vector was made with node 20's crypto following it:
   * {@code crypto.createHmac('sha256', 'calendly-signing-key-3b9e7d21').update('1700000000.' + BODY)
   * .digest('hex')}.
   */
  @Test
  void vectorMadeByTheDocumentedAlgorithmIsAccepted() {
    String header = "t=1700000000,v1=263bee89b555e376cde5d72a96a35ca08a2b5edc78d816ad9682c644edc530f4";

    assertThat(verifier("calendly", "calendly-signing-key-3b9e7d21").verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(verifier("calendly", OLD_SECRET).verify(
            withHeader(header(OLD_SECRET, T, BODY), BODY.replace("John Doe", "Jane Doe"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherKeyIsRefused() {
    assertThat(verifier("calendly", OLD_SECRET).verify(withHeader(header(WRONG_SECRET, T, BODY), BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingOrMalformedHeaderIsRefused() {
    Verifier verifier = verifier("calendly", OLD_SECRET);
    String v1 = hmacHex("HmacSHA256", OLD_SECRET, T + "." + BODY);

    assertThat(verifier.verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(withHeader("v1=" + v1, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(withHeader("t=" + T, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(withHeader("t=soon,v1=" + v1, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void threeMinuteToleranceByDefault() {
    Verifier verifier = verifier("calendly", OLD_SECRET);

    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T - 181, BODY), BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T - 180, BODY), BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void configuredToleranceIsUsed() {
    VerificationConfig config = new VerificationConfig(
        "calendly", List.of(OLD_SECRET), 600, null, null, null, null, null, null, null, null, null);

    assertThat(Fixtures.build(config).verify(withHeader(header(OLD_SECRET, T - 500, BODY), BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void duringRotationBothKeysAreAccepted() {
    Verifier verifier = verifier("calendly", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T, BODY), BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader(header(NEW_SECRET, T, BODY), BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void noEventIdSoTheBodyHashDedupes() {
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of()), body(BODY))).isEmpty();
  }

  @Test
  void typeIsTheBodyEvent() {
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body(BODY))).contains("invitee.created");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body("{\"payload\":{}}"))).isEmpty();
  }

  private static EventBody body(String text) {
    return EventBody.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
