package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacBase64;
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
 * Typeform ("Secure your webhooks", typeform.com/developers/webhooks/secure-your-webhooks): HMAC
 * SHA-256 of the entire received payload keyed by the webhook's secret, encoded in base64, prefixed
 * {@code sha256=}, compared with the {@code Typeform-Signature} header.
 */
class TypeformProviderTest {

  private static final String HEADER = "Typeform-Signature";

  /*
   * Typeform's page has code but no worked example, so this vector was made with an independent HMAC
   * implementation: crypto-js@4.2.0 from npm,
   * "sha256=" + CryptoJS.HmacSHA256(VECTOR_BODY, VECTOR_SECRET).toString(CryptoJS.enc.Base64).
   * The body is a trimmed form_response payload.
   */
  private static final String VECTOR_SECRET = "typeform-secret-5b8e0c1d";
  private static final String VECTOR_BODY = "{\"event_id\":\"01HGX6Z8Q4R3W5T7Y9U1I3O5P7\","
      + "\"event_type\":\"form_response\",\"form_response\":{\"form_id\":\"lT4Z3j\","
      + "\"token\":\"a3a12ec67a1365927098a606107fac15\","
      + "\"submitted_at\":\"2023-11-14T22:13:20Z\",\"answers\":[{\"type\":\"text\",\"text\":\"Lorem ipsum\","
      + "\"field\":{\"id\":\"JwWggjAKtOkA\",\"type\":\"short_text\"}}]}}";
  private static final String VECTOR_SIGNATURE = "sha256=E6FQYFVBIE3eO5O2VunpYIbmQhDehJZY2iRtAAhs8JQ=";

  private static SignedRequest signed(String secret, String body) {
    return request().header(HEADER, "sha256=" + hmacBase64("HmacSHA256", secret, body)).body(body).build();
  }

  @Test
  void theVectorMadeByAnIndependentHmacIsAccepted() {
    SignedRequest request = request().header(HEADER, VECTOR_SIGNATURE).body(VECTOR_BODY).build();

    assertThat(verifier("typeform", VECTOR_SECRET).verify(request)).isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    SignedRequest request = request().header(HEADER, VECTOR_SIGNATURE)
        .body(VECTOR_BODY.replace("Lorem ipsum", "Dolor sit")).build();

    assertThat(verifier("typeform", VECTOR_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("typeform", OLD_SECRET).verify(signed(WRONG_SECRET, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("typeform", OLD_SECRET).verify(request().body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void headerWithoutItsPrefixOrNotBase64IsMalformed() {
    Verifier verifier = verifier("typeform", OLD_SECRET);
    String bare = hmacBase64("HmacSHA256", OLD_SECRET, VECTOR_BODY);

    assertThat(verifier.verify(request().header(HEADER, bare).body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(request().header(HEADER, "sha256=***").body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void aHexSignatureIsNotTakenForBase64() {
    String hex = "sha256=" + hmacHex("HmacSHA256", OLD_SECRET, VECTOR_BODY);

    assertThat(verifier("typeform", OLD_SECRET).verify(request().header(HEADER, hex).body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("typeform", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, VECTOR_BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, VECTOR_BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void theEventIdDedupesAndTheEventTypeIsTheType() {
    Provider typeform = Providers.require("typeform");
    EventBody body = EventBody.of(VECTOR_BODY.getBytes(StandardCharsets.UTF_8));
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(typeform.eventId(none, body)).contains("01HGX6Z8Q4R3W5T7Y9U1I3O5P7");
    assertThat(typeform.eventType(none, body)).contains("form_response");
  }

  @Test
  void aBodyWithoutThemGivesNoIdAndNoType() {
    Provider typeform = Providers.require("typeform");
    EventBody body = EventBody.of("{\"form_response\":{}}".getBytes(StandardCharsets.UTF_8));
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(typeform.eventId(none, body)).isEmpty();
    assertThat(typeform.eventType(none, body)).isEmpty();
  }
}
