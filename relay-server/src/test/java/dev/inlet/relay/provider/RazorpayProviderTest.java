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
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RazorpayProviderTest {

  private static final String HEADER = "X-Razorpay-Signature";
  private static final String BODY =
      "{\"entity\":\"event\",\"account_id\":\"acc_BFQ7uQEaa7j2z7\",\"event\":\"payment.captured\","
          + "\"contains\":[\"payment\"],\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_DESlfW9H8K9uqM\","
          + "\"entity\":\"payment\",\"amount\":100,\"currency\":\"INR\",\"status\":\"captured\"}}},"
          + "\"created_at\":1567674606}";

  private static final Provider PROVIDER = Providers.require("razorpay");

  /**
   * Razorpay's "Validate and Test Webhooks" (https://razorpay.com/docs/webhooks/validate-test/)
   * gives the hex HMAC-SHA256 of the raw body under the webhook secret but no signed example. The
   * signature was made with node 20's crypto and checked with Razorpay's SDK, razorpay@2.9.8:
   * {@code validateWebhookSignature(BODY, sig, 'rzp_webhook_secret_9f3c')} is true (and false for
   * the body with a space appended).
   */
  @Test
  void vectorCheckedWithRazorpaysSdkIsAccepted() {
    Verifier verifier = verifier("razorpay", "rzp_webhook_secret_9f3c");

    assertThat(verifier.verify(request()
            .header(HEADER, "62f6c8fa39f9e7ebf78766cf9328c9de8f0ad0cd1cb611a4362692c26970b386")
            .body(BODY).build()))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(request()
            .header(HEADER, "62f6c8fa39f9e7ebf78766cf9328c9de8f0ad0cd1cb611a4362692c26970b386")
            .body(BODY + " ").build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(verifier("razorpay", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA256", OLD_SECRET, BODY))
            .body(BODY.replace("\"amount\":100", "\"amount\":10000")).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("razorpay", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA256", WRONG_SECRET, BODY)).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingOrMalformedHeaderIsRefused() {
    Verifier verifier = verifier("razorpay", OLD_SECRET);

    assertThat(verifier.verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(HEADER, "sha256=abc").body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("razorpay", OLD_SECRET, NEW_SECRET);

    for (String secret : new String[] {OLD_SECRET, NEW_SECRET}) {
      assertThat(verifier.verify(request()
              .header(HEADER, hmacHex("HmacSHA256", secret, BODY)).body(BODY).build()))
          .isEqualTo(Verdict.accepted());
    }
  }

  @Test
  void eventIdHeaderDedupes() {
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of("X-Razorpay-Event-Id", "Gb5kMCdcAZ8jJ8")), body(BODY)))
        .contains("Gb5kMCdcAZ8jJ8");
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of()), body(BODY))).isEmpty();
  }

  @Test
  void typeIsTheBodyEvent() {
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body(BODY))).contains("payment.captured");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body("{\"entity\":\"event\"}"))).isEmpty();
  }

  private static EventBody body(String text) {
    return EventBody.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
