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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HubSpot ("Validating requests from HubSpot", developers.hubspot.com, v3 signature; changelog
 * "Introducing version 3 of Webhook signatures"): reject when {@code X-HubSpot-Request-Timestamp} is
 * older than 5 minutes; decode the listed URL-encoded characters of the URI; base64 of HMAC-SHA256,
 * keyed by the app's client secret, of {@code requestMethod + requestUri + requestBody + timestamp};
 * compare with {@code X-HubSpot-Signature-v3}.
 */
class HubSpotProviderTest {

  private static final String SIGNATURE = "X-HubSpot-Signature-v3";
  private static final String TIMESTAMP = "X-HubSpot-Request-Timestamp";
  private static final String URL = "https://relay.example.com/in/ep_1";
  private static final long T = NOW.toEpochMilli();

  /*
   * HubSpot's docs give worked examples for v1 and v2 only, so the v3 vectors were made with
   * HubSpot's own library, @hubspot/api-client@13.5.0 from npm:
   *   Signature.getSignature('POST', 'v3', {clientSecret: VECTOR_SECRET, url, requestBody: VECTOR_BODY,
   *       timestamp: 1700000000000})
   * with url = URL for VECTOR_SIGNATURE, and url = DECODED_URL for ENCODED_URL_SIGNATURE (the library
   * signs the URI it is given and does not decode; HubSpot signs the decoded form of the URL it calls,
   * ENCODED_URL). Signature.isValid accepted the same inputs with a current timestamp. The secret is
   * the placeholder HubSpot's docs use; the body is HubSpot's documented event batch shape.
   */
  private static final String VECTOR_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  private static final String VECTOR_BODY = "[{\"eventId\":100,\"subscriptionId\":12345,\"portalId\":62515,"
      + "\"appId\":54321,\"occurredAt\":1699999999000,\"subscriptionType\":\"contact.creation\","
      + "\"attemptNumber\":0,\"objectId\":123,\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\"}]";
  private static final String VECTOR_SIGNATURE = "zuHlm7IcG8wIg8jjwo2PbSlo7CpMZgQoQefKaZjizGc=";
  private static final String ENCODED_URL =
      "https://relay.example.com/in/ep_1?next=https%3A%2F%2Fx.example%2Fa%40b%21%24%27%28%29%2A%2C%3B";
  private static final String DECODED_URL = "https://relay.example.com/in/ep_1?next=https://x.example/a@b!$'()*,;";
  private static final String ENCODED_URL_SIGNATURE = "Yn1WV9FBFNu4amzpN4bRdU3wVYWfPTtKlaRax7CbqSw=";

  private static String v3(String secret, String method, String uri, String body, long timestamp) {
    return hmacBase64("HmacSHA256", secret, method + uri + body + timestamp);
  }

  private static SignedRequest signed(String secret, long timestamp) {
    return request().url(URL).header(SIGNATURE, v3(secret, "POST", URL, VECTOR_BODY, timestamp))
        .header(TIMESTAMP, String.valueOf(timestamp)).body(VECTOR_BODY).build();
  }

  @Test
  void theVectorMadeByHubSpotsLibraryIsAccepted() {
    SignedRequest request = request().url(URL).header(SIGNATURE, VECTOR_SIGNATURE)
        .header(TIMESTAMP, "1700000000000").body(VECTOR_BODY).build();

    assertThat(verifier("hubspot", VECTOR_SECRET).verify(request)).isEqualTo(Verdict.accepted());
  }

  @Test
  void theListedEncodedCharactersOfTheUriAreDecodedBeforeSigning() {
    SignedRequest request = request().url(ENCODED_URL).header(SIGNATURE, ENCODED_URL_SIGNATURE)
        .header(TIMESTAMP, "1700000000000").body(VECTOR_BODY).build();

    assertThat(HubSpotVerifier.signedUri(ENCODED_URL)).isEqualTo(DECODED_URL);
    assertThat(verifier("hubspot", VECTOR_SECRET).verify(request)).isEqualTo(Verdict.accepted());
  }

  @Test
  void otherEscapesAreKeptAndNothingIsDecodedTwice() {
    assertThat(HubSpotVerifier.signedUri(URL + "?q=a%20b%26c%3d")).isEqualTo(URL + "?q=a%20b%26c%3d");
    assertThat(HubSpotVerifier.signedUri(URL + "?q=%253A%3a%2f")).isEqualTo(URL + "?q=%253A:/");
    assertThat(HubSpotVerifier.signedUri(URL + "?q=%3")).isEqualTo(URL + "?q=%3");

    String url = URL + "?q=a%20b";
    SignedRequest request = request().url(url).header(SIGNATURE, v3(OLD_SECRET, "POST", url, VECTOR_BODY, T))
        .header(TIMESTAMP, String.valueOf(T)).body(VECTOR_BODY).build();
    assertThat(verifier("hubspot", OLD_SECRET).verify(request)).isEqualTo(Verdict.accepted());
  }

  @Test
  void anotherUrlOrMethodIsRefused() {
    String other = "https://relay.example.com/in/ep_2";
    SignedRequest elsewhere = request().url(other).header(SIGNATURE, VECTOR_SIGNATURE)
        .header(TIMESTAMP, "1700000000000").body(VECTOR_BODY).build();
    SignedRequest asGet = new SignedRequest("GET", URL,
        HeaderLookup.of(Map.of(SIGNATURE, VECTOR_SIGNATURE, TIMESTAMP, "1700000000000")),
        VECTOR_BODY.getBytes(StandardCharsets.UTF_8), Map.of(), NOW);

    assertThat(verifier("hubspot", VECTOR_SECRET).verify(elsewhere))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier("hubspot", VECTOR_SECRET).verify(asGet))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void tamperedBodyIsRefused() {
    SignedRequest request = request().url(URL).header(SIGNATURE, VECTOR_SIGNATURE)
        .header(TIMESTAMP, "1700000000000").body(VECTOR_BODY.replace("\"objectId\":123", "\"objectId\":124")).build();

    assertThat(verifier("hubspot", VECTOR_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("hubspot", OLD_SECRET).verify(signed(WRONG_SECRET, T)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void timestampsMoreThanFiveMinutesAwayAreRefusedAndTheEdgeIsAccepted() {
    Verifier verifier = verifier("hubspot", OLD_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, T - 300_001)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(signed(OLD_SECRET, T + 300_001)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(signed(OLD_SECRET, T - 300_000))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(OLD_SECRET, T - 1_000))).isEqualTo(Verdict.accepted());
  }

  @Test
  void theTimestampIsMillisecondsNotSeconds() {
    assertThat(verifier("hubspot", OLD_SECRET).verify(signed(OLD_SECRET, NOW.getEpochSecond())))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void configuredToleranceIsUsed() {
    VerificationConfig config = new VerificationConfig(
        "hubspot", List.of(OLD_SECRET), 3600, null, null, null, null, null, null, null, null, null);

    assertThat(Fixtures.build(config).verify(signed(OLD_SECRET, T - 1_000_000))).isEqualTo(Verdict.accepted());
  }

  @Test
  void missingHeadersAreRefused() {
    Verifier verifier = verifier("hubspot", OLD_SECRET);
    String signature = v3(OLD_SECRET, "POST", URL, VECTOR_BODY, T);

    assertThat(verifier.verify(request().url(URL).header(TIMESTAMP, String.valueOf(T)).body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().url(URL).header(SIGNATURE, signature).body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void malformedHeadersAreRefused() {
    Verifier verifier = verifier("hubspot", OLD_SECRET);
    String signature = v3(OLD_SECRET, "POST", URL, VECTOR_BODY, T);

    assertThat(verifier.verify(request().url(URL).header(SIGNATURE, "***").header(TIMESTAMP, String.valueOf(T))
        .body(VECTOR_BODY).build())).isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(request().url(URL).header(SIGNATURE, signature).header(TIMESTAMP, "soon")
        .body(VECTOR_BODY).build())).isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("hubspot", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, T))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, T))).isEqualTo(Verdict.accepted());
  }

  @Test
  void theFirstEventOfTheBatchGivesTheIdAndTheType() {
    Provider hubSpot = Providers.require("hubspot");
    String batch = "[{\"eventId\":4041934,\"subscriptionType\":\"deal.propertyChange\",\"objectId\":7},"
        + "{\"eventId\":4041935,\"subscriptionType\":\"contact.creation\",\"objectId\":8}]";
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(hubSpot.eventId(none, EventBody.of(batch.getBytes(StandardCharsets.UTF_8)))).contains("4041934");
    assertThat(hubSpot.eventType(none, EventBody.of(batch.getBytes(StandardCharsets.UTF_8))))
        .contains("deal.propertyChange");
  }

  @Test
  void aBodyThatIsNotABatchGivesNoIdAndNoType() {
    Provider hubSpot = Providers.require("hubspot");
    HeaderLookup none = HeaderLookup.of(Map.of());
    EventBody object = EventBody.of("{\"eventId\":1,\"subscriptionType\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    EventBody empty = EventBody.of("[]".getBytes(StandardCharsets.UTF_8));

    assertThat(hubSpot.eventId(none, object)).isEmpty();
    assertThat(hubSpot.eventType(none, object)).isEmpty();
    assertThat(hubSpot.eventId(none, empty)).isEmpty();
    assertThat(hubSpot.eventType(none, empty)).isEmpty();
  }
}
