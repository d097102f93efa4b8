package dev.inlet.relay.provider;

import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verifier;
import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacBase64;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.sha256Hex;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TwilioVerifierTest {

  private static final String HEADER = "X-Twilio-Signature";

  /** Twilio's documented example: auth token 12345 and these call parameters. */
  private static final String DOC_TOKEN = "12345";

  private static final String DOC_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

  private static Fixtures.RequestBuilder documentedCall(String signature) {
    return request()
        .header(HEADER, signature)
        .url(DOC_URL)
        .body(
            "CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212")
        .form("To", "+18005551212")
        .form("From", "+12349013030")
        .form("Digits", "1234")
        .form("Caller", "+12349013030")
        .form("CallSid", "CA1234567890ABCDE");
  }

  @Test
  void twiliosDocumentedFormExampleIsAccepted() {
    assertThat(
            verifier("twilio", DOC_TOKEN)
                .verify(documentedCall("0/KCTR6DLpKmkAf8muzZqo1nDgQ=").build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedFormParameterIsRefused() {
    SignedRequest request =
        documentedCall("0/KCTR6DLpKmkAf8muzZqo1nDgQ=").form("Digits", "9999").build();

    assertThat(verifier("twilio", DOC_TOKEN).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void urlSignedWithExplicitDefaultPortIsAccepted() {
    String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    String signature = hmacBase64("HmacSHA1", OLD_SECRET, withPort + "Digits1234");
    SignedRequest request =
        request().header(HEADER, signature).url(DOC_URL).form("Digits", "1234").build();

    assertThat(verifier("twilio", OLD_SECRET).verify(request)).isEqualTo(Verdict.accepted());
  }

  @Test
  void jsonBodyIsCheckedAgainstTheSignedBodyHash() {
    String body = "{\"CallSid\":\"CA1234567890ABCDE\",\"Caller\":\"+12349013030\"}";
    // Twilio's documented hash of this body.
    String url =
        "https://example.com/myapp?bodySHA256=5ccde7145dfb8f56479710896586cb9d5911809d83afbe34627818790db0aec9";
    assertThat(sha256Hex(body)).isEqualTo(url.substring(url.indexOf('=') + 1));
    String signature = hmacBase64("HmacSHA1", OLD_SECRET, url);
    Verifier verifier = verifier("twilio", OLD_SECRET);

    assertThat(verifier.verify(request().header(HEADER, signature).url(url).body(body).build()))
        .isEqualTo(Verdict.accepted());
    assertThat(
            verifier.verify(
                request()
                    .header(HEADER, signature)
                    .url(url)
                    .body(body.replace("CA1", "CA9"))
                    .build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherTokenIsRefused() {
    assertThat(
            verifier("twilio", WRONG_SECRET)
                .verify(documentedCall("0/KCTR6DLpKmkAf8muzZqo1nDgQ=").build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("twilio", DOC_TOKEN).verify(request().url(DOC_URL).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void duringRotationBothTokensAreAccepted() {
    Verifier verifier = verifier("twilio", OLD_SECRET, NEW_SECRET);
    for (String token : new String[] {OLD_SECRET, NEW_SECRET}) {
      String signature = hmacBase64("HmacSHA1", token, DOC_URL + "Aa" + "Bb1" + "Bb2");
      SignedRequest request =
          request()
              .header(HEADER, signature)
              .url(DOC_URL)
              .form("B", "b2")
              .form("B", "b1")
              .form("A", "a")
              .build();

      assertThat(verifier.verify(request)).isEqualTo(Verdict.accepted());
    }
  }
}
