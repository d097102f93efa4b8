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
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentryProviderTest {

  private static final String HEADER = "Sentry-Hook-Signature";
  private static final String BODY =
      "{\"action\": \"created\", \"installation\": {\"uuid\": \"a8e5d37a-696c-4c54-adb5-b3f28d64c7de\"}, "
          + "\"data\": {\"issue\": {\"id\": \"1170820242\", \"shortId\": \"FRONTEND-2T\", "
          + "\"title\": \"Error: Something broke\", \"status\": \"unresolved\"}}, "
          + "\"actor\": {\"type\": \"application\", \"id\": \"sentry\", \"name\": \"Sentry\"}}";

  private static final Provider PROVIDER = Providers.require("sentry");

  /**
   * Sentry's "Webhooks" page (https://docs.sentry.io/integrations/integration-platform/webhooks/)
   * gives the HMAC-SHA256 hex digest of the body under the Client Secret, with no signed example.
   * This vector was made with Python 3.11 running the body of Sentry's own signer,
   * {@code SentryApp.build_signature} (getsentry/sentry, src/sentry/sentry_apps/models/sentry_app.py):
   * {@code hmac.new(key=secret.encode("utf-8"), msg=body.encode("utf-8"), digestmod=sha256).hexdigest()},
   * the body being Python's {@code json.dumps} of an AppPlatformEvent body, as Sentry sends it.
   */
  @Test
  void vectorMadeWithSentrysSignerIsAccepted() {
    Verifier verifier = verifier("sentry", "3b1f5c0a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a");

    assertThat(verifier.verify(request()
            .header(HEADER, "afea0f253a40ee8a0683d74df51bc9402c2ce79ad066eea0e811caf0de6a3821")
            .header("Sentry-Hook-Resource", "issue")
            .header("Sentry-Hook-Timestamp", String.valueOf(NOW.getEpochSecond()))
            .body(BODY).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void theUnsignedTimestampIsNotChecked() {
    assertThat(verifier("sentry", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA256", OLD_SECRET, BODY))
            .header("Sentry-Hook-Timestamp", "1")
            .body(BODY).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(verifier("sentry", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA256", OLD_SECRET, BODY))
            .body(BODY.replace("unresolved", "resolved")).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("sentry", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA256", WRONG_SECRET, BODY)).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingOrMalformedHeaderIsRefused() {
    Verifier verifier = verifier("sentry", OLD_SECRET);

    assertThat(verifier.verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(HEADER, "zz").body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("sentry", OLD_SECRET, NEW_SECRET);

    for (String secret : new String[] {OLD_SECRET, NEW_SECRET}) {
      assertThat(verifier.verify(request()
              .header(HEADER, hmacHex("HmacSHA256", secret, BODY)).body(BODY).build()))
          .isEqualTo(Verdict.accepted());
    }
  }

  @Test
  void requestIdIsPerAttemptSoTheBodyHashDedupes() {
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of("Request-ID", "1e5b7f0c9a2d4e6f8a0b2c4d6e8f0a1b")), body(BODY)))
        .isEmpty();
  }

  @Test
  void typeIsTheResourceAndTheAction() {
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of("Sentry-Hook-Resource", "issue")), body(BODY)))
        .contains("issue.created");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of("Sentry-Hook-Resource", "event_alert")),
            body("{\"action\":\"triggered\",\"data\":{}}")))
        .contains("event_alert.triggered");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of("Sentry-Hook-Resource", "issue")), body("{}")))
        .contains("issue");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body(BODY))).isEmpty();
  }

  private static EventBody body(String text) {
    return EventBody.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
