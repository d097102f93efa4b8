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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailgunProviderTest {

  private static final Provider MAILGUN = Providers.require("mailgun");

  /*
   * Mailgun's docs give the algorithm and a Node snippet but no complete vector (the sample signature
   * "12d99f5a...baed12345" is a placeholder): "Securing Webhooks",
   * https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks. This vector
   * is that snippet run on node 20:
   *   crypto.createHmac('sha256', signingKey).update(timestamp.concat(token)).digest('hex')
   * with signingKey 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0', timestamp '1700000000' and the docs'
   * sample token; PARENT_SIGNATURE the same with 'key-parent-0123456789abcdef0123456789'.
   */
  private static final String SIGNING_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
  private static final String PARENT_KEY = "key-parent-0123456789abcdef0123456789";
  private static final String TIMESTAMP = "1700000000";
  private static final String TOKEN = "e0b5477167110d68991efc6b9f89f0a11066af27834600e123";
  private static final String SIGNATURE = "f4b1f8b03cf441c41741219d17436bbce3d2b898d338c283a493782217ce62e4";
  private static final String PARENT_SIGNATURE = "3a493b2c81161e8c71697819a974a2d331b671ab153976d9eef14df5d391801b";
  private static final String EVENT_DATA = "\"event-data\":{\"id\":\"CPgfbmQMTCKtHW6uIWtuVe\",\"timestamp\":"
      + "1699999999.908181,\"log-level\":\"info\",\"event\":\"delivered\",\"recipient\":\"alice@example.com\","
      + "\"message\":{\"headers\":{\"message-id\":\"20130503182626.18666.16540@example.com\"}}}";

  private static String body(String timestamp, String token, String signature) {
    return "{\"signature\":{\"timestamp\":\"" + timestamp + "\",\"token\":\"" + token + "\",\"signature\":\""
        + signature + "\"}," + EVENT_DATA + "}";
  }

  private static SignedRequest json(String body) {
    return request().header("Content-Type", "application/json").body(body).build();
  }

  private static String sign(String key, long ts, String token) {
    return hmacHex("HmacSHA256", key, ts + token);
  }

  @Test
  void theVectorFromMailgunsDocumentedAlgorithmIsAccepted() {
    assertThat(verifier("mailgun", SIGNING_KEY).verify(json(body(TIMESTAMP, TOKEN, SIGNATURE))))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void aNumericTimestampIsReadToo() {
    String body = "{\"signature\":{\"timestamp\":1700000000,\"token\":\"" + TOKEN + "\",\"signature\":\""
        + SIGNATURE + "\"}," + EVENT_DATA + "}";

    assertThat(verifier("mailgun", SIGNING_KEY).verify(json(body))).isEqualTo(Verdict.accepted());
  }

  @Test
  void aSubaccountsParentSignatureMayMatch() {
    String body = "{\"signature\":{\"timestamp\":\"" + TIMESTAMP + "\",\"token\":\"" + TOKEN + "\",\"signature\":\""
        + SIGNATURE.replace('f', '0') + "\",\"parent-signature\":\"" + PARENT_SIGNATURE + "\"}," + EVENT_DATA + "}";

    assertThat(verifier("mailgun", PARENT_KEY).verify(json(body))).isEqualTo(Verdict.accepted());
    assertThat(verifier("mailgun", SIGNING_KEY).verify(json(body)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void aTamperedTokenOrTimestampIsRefused() {
    Verifier verifier = verifier("mailgun", SIGNING_KEY);

    assertThat(verifier.verify(json(body(TIMESTAMP, TOKEN.replace('e', 'f'), SIGNATURE))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier.verify(json(body("1700000001", TOKEN, SIGNATURE))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  /** Mailgun's scheme signs no event data; the token dedupes, so a reused signature block is a duplicate. */
  @Test
  void theEventItselfIsNotSignedSoTheTokenIsTheDedupeKey() {
    String forged = body(TIMESTAMP, TOKEN, SIGNATURE).replace("delivered", "failed");

    assertThat(verifier("mailgun", SIGNING_KEY).verify(json(forged))).isEqualTo(Verdict.accepted());
    assertThat(MAILGUN.eventId(HeaderLookup.of(Map.of()), EventBody.of(forged.getBytes(StandardCharsets.UTF_8))))
        .contains(TOKEN);
  }

  @Test
  void anotherSigningKeyIsRefused() {
    assertThat(verifier("mailgun", WRONG_SECRET).verify(json(body(TIMESTAMP, TOKEN, SIGNATURE))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void duringRotationBothKeysAreAccepted() {
    long ts = NOW.getEpochSecond();
    Verifier verifier = verifier("mailgun", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(json(body(Long.toString(ts), TOKEN, sign(OLD_SECRET, ts, TOKEN)))))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(json(body(Long.toString(ts), TOKEN, sign(NEW_SECRET, ts, TOKEN)))))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void theTimestampMustBeWithinTolerance() {
    long ts = NOW.getEpochSecond();
    Verifier verifier = verifier("mailgun", OLD_SECRET);

    assertThat(verifier.verify(json(body(Long.toString(ts - 299), TOKEN, sign(OLD_SECRET, ts - 299, TOKEN)))))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(json(body(Long.toString(ts - 301), TOKEN, sign(OLD_SECRET, ts - 301, TOKEN)))))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(json(body(Long.toString(ts + 301), TOKEN, sign(OLD_SECRET, ts + 301, TOKEN)))))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    SignedRequest vectorAnHourLater = request().body(body(TIMESTAMP, TOKEN, SIGNATURE))
        .now(Instant.ofEpochSecond(1_700_003_600L)).build();
    Verifier lenient = Fixtures.build(new VerificationConfig("mailgun", List.of(SIGNING_KEY), 7200, null, null,
        null, null, null, null, null, null, null));
    assertThat(lenient.verify(vectorAnHourLater)).isEqualTo(Verdict.accepted());
  }

  @Test
  void legacyFormEncodedWebhooksAreVerifiedFromTheirFields() {
    long ts = NOW.getEpochSecond();
    SignedRequest form = request().header("Content-Type", "application/x-www-form-urlencoded")
        .form("event", "delivered").form("timestamp", Long.toString(ts)).form("token", TOKEN)
        .form("signature", sign(OLD_SECRET, ts, TOKEN))
        .body("event=delivered&timestamp=" + ts + "&token=" + TOKEN + "&signature=" + sign(OLD_SECRET, ts, TOKEN))
        .build();

    assertThat(verifier("mailgun", OLD_SECRET).verify(form)).isEqualTo(Verdict.accepted());
    assertThat(verifier("mailgun", WRONG_SECRET).verify(form))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingOrMalformedSignatureFieldsAreRefused() {
    Verifier verifier = verifier("mailgun", SIGNING_KEY);

    assertThat(verifier.verify(json("{" + EVENT_DATA + "}"))).isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(json("{\"signature\":{\"timestamp\":\"" + TIMESTAMP + "\",\"token\":\"" + TOKEN
        + "\"}}"))).isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(json("{\"signature\":\"" + SIGNATURE + "\"}")))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(json("not json"))).isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(json(body(TIMESTAMP, TOKEN, "zz-not-hex"))))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(json(body("yesterday", TOKEN, SIGNATURE))))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void theTokenDedupesAndTheEventDataNamesTheType() {
    HeaderLookup none = HeaderLookup.of(Map.of());
    EventBody json = EventBody.of(body(TIMESTAMP, TOKEN, SIGNATURE).getBytes(StandardCharsets.UTF_8));
    EventBody form = EventBody.of(("timestamp=1700000000&token=" + TOKEN + "&signature=" + SIGNATURE
        + "&event=opened&recipient=alice%40example.com").getBytes(StandardCharsets.UTF_8));
    EventBody neither = EventBody.of("{\"event-data\":{}}".getBytes(StandardCharsets.UTF_8));

    assertThat(MAILGUN.eventId(none, json)).contains(TOKEN);
    assertThat(MAILGUN.eventType(none, json)).contains("delivered");
    assertThat(MAILGUN.eventId(none, form)).contains(TOKEN);
    assertThat(MAILGUN.eventType(none, form)).contains("opened");
    assertThat(MAILGUN.eventId(none, neither)).isEmpty();
    assertThat(MAILGUN.eventType(none, neither)).isEmpty();
    assertThat(MAILGUN.eventId(none, EventBody.of(new byte[0]))).isEmpty();
  }
}
