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
 * Intercom ("Signed Notifications", developers.intercom.com API reference): {@code X-Hub-Signature:
 * sha1=} followed by the 40-character hex HMAC-SHA1 (RFC 2104) of the JSON notification, keyed by the
 * app's client secret.
 */
class IntercomProviderTest {

  private static final String HEADER = "X-Hub-Signature";

  /*
   * Intercom's own example (sha1=21ff2e14…) gives no secret, so this vector was made with an
   * independent HMAC implementation: crypto-js@4.2.0 from npm,
   * CryptoJS.HmacSHA1(VECTOR_BODY, VECTOR_SECRET).toString(CryptoJS.enc.Hex), prefixed "sha1=".
   * The body is Intercom's documented notification_event shape.
   */
  private static final String VECTOR_SECRET = "intercom-client-secret-7f3a";
  private static final String VECTOR_BODY = "{\"type\":\"notification_event\",\"app_id\":\"a86dr8yl\",\"data\":"
      + "{\"type\":\"notification_event_data\",\"item\":{\"type\":\"user\",\"id\":\"530370b477ad7120001d\","
      + "\"user_id\":\"25\",\"name\":\"Hoban Washburne\"}},\"links\":{},"
      + "\"id\":\"notif_78c122d0-23ba-11e4-9464-79b01267cc2e\",\"topic\":\"user.created\","
      + "\"delivery_status\":\"pending\",\"delivery_attempts\":1,\"delivered_at\":0,\"first_sent_at\":1700000000,"
      + "\"created_at\":1699999999,\"self\":null}";
  private static final String VECTOR_SIGNATURE = "sha1=30c6d8c160fbb061f1dd639927c21434076a6005";

  private static SignedRequest signed(String secret, String body) {
    return request().header(HEADER, "sha1=" + hmacHex("HmacSHA1", secret, body)).body(body).build();
  }

  @Test
  void theVectorMadeByAnIndependentHmacIsAccepted() {
    SignedRequest request = request().header(HEADER, VECTOR_SIGNATURE).body(VECTOR_BODY).build();

    assertThat(verifier("intercom", VECTOR_SECRET).verify(request)).isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    SignedRequest request = request().header(HEADER, VECTOR_SIGNATURE)
        .body(VECTOR_BODY.replace("Hoban", "Malcolm")).build();

    assertThat(verifier("intercom", VECTOR_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("intercom", OLD_SECRET).verify(signed(WRONG_SECRET, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void anSha256SignatureIsNotTakenForSha1() {
    String sha256 = "sha1=" + hmacHex("HmacSHA256", OLD_SECRET, VECTOR_BODY);

    assertThat(verifier("intercom", OLD_SECRET).verify(request().header(HEADER, sha256).body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("intercom", OLD_SECRET).verify(request().body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void headerWithoutItsPrefixOrNotHexIsMalformed() {
    Verifier verifier = verifier("intercom", OLD_SECRET);
    String hex = hmacHex("HmacSHA1", OLD_SECRET, VECTOR_BODY);

    assertThat(verifier.verify(request().header(HEADER, hex).body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(request().header(HEADER, "sha1=not-hex").body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("intercom", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, VECTOR_BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, VECTOR_BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void theNotificationIdDedupesAndTheTopicIsTheType() {
    Provider intercom = Providers.require("intercom");
    EventBody body = EventBody.of(VECTOR_BODY.getBytes(StandardCharsets.UTF_8));
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(intercom.eventId(none, body)).contains("notif_78c122d0-23ba-11e4-9464-79b01267cc2e");
    assertThat(intercom.eventType(none, body)).contains("user.created");
  }

  @Test
  void aBodyWithoutThemGivesNoIdAndNoType() {
    Provider intercom = Providers.require("intercom");
    EventBody body = EventBody.of("{\"type\":\"notification_event\"}".getBytes(StandardCharsets.UTF_8));
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(intercom.eventId(none, body)).isEmpty();
    assertThat(intercom.eventType(none, body)).isEmpty();
  }
}
