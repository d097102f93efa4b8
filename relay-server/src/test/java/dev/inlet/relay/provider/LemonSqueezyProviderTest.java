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

class LemonSqueezyProviderTest {

  private static final String HEADER = "X-Signature";
  private static final String BODY =
      "{\"meta\":{\"event_name\":\"order_created\",\"webhook_id\":\"5c1b2d3e-0b5f-4a7e-9c1d-2f3a4b5c6d7e\","
          + "\"test_mode\":true},\"data\":{\"type\":\"orders\",\"id\":\"1\",\"attributes\":{\"store_id\":1,"
          + "\"identifier\":\"636f855c-1fb9-4c07-b75c-3a10afef010a\",\"order_number\":1,\"status\":\"paid\","
          + "\"total\":1199}}}";

  private static final Provider PROVIDER = Providers.require("lemonsqueezy");

  /**
   * Lemon Squeezy's docs ("Signing Requests", https://docs.lemonsqueezy.com/help/webhooks/signing-requests)
   * give the algorithm (an HMAC hex digest of the raw body under the signing secret; SHA-256 in
   * their examples and in lmsqueezy/laravel's VerifyWebhookSignature) but no complete example, so
   * this vector was made with node 20's crypto following it:
   * {@code crypto.createHmac('sha256', 'ls-signing-secret-8f2c1a').update(BODY).digest('hex')}.
   */
  @Test
  void vectorMadeByTheDocumentedAlgorithmIsAccepted() {
    Verifier verifier = verifier("lemonsqueezy", "ls-signing-secret-8f2c1a");

    assertThat(verifier.verify(request()
            .header(HEADER, "0b93a68083f82facfe6e3dc11a5843a27da42e80a69c997ba13c50f82612720c")
            .body(BODY).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(verifier("lemonsqueezy", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA256", OLD_SECRET, BODY))
            .body(BODY.replace("1199", "1")).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("lemonsqueezy", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA256", WRONG_SECRET, BODY)).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingOrMalformedHeaderIsRefused() {
    Verifier verifier = verifier("lemonsqueezy", OLD_SECRET);

    assertThat(verifier.verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(HEADER, "not-hex!").body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("lemonsqueezy", OLD_SECRET, NEW_SECRET);

    for (String secret : new String[] {OLD_SECRET, NEW_SECRET}) {
      assertThat(verifier.verify(request()
              .header(HEADER, hmacHex("HmacSHA256", secret, BODY)).body(BODY).build()))
          .isEqualTo(Verdict.accepted());
    }
  }

  @Test
  void noEventIdSoTheBodyHashDedupes() {
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of("X-Event-Name", "order_created")), body(BODY)))
        .isEmpty();
  }

  @Test
  void typeIsTheEventNameHeaderElseMetaEventName() {
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of("X-Event-Name", "subscription_updated")), body(BODY)))
        .contains("subscription_updated");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body(BODY))).contains("order_created");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body("{\"data\":{}}"))).isEmpty();
  }

  private static EventBody body(String text) {
    return EventBody.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
