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
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SquareVerifierTest {

  private static final String HEADER = "x-square-hmacsha256-signature";
  private static final String URL = "https://relay.example.com/in/ep_1?source=square";
  private static final String BODY = "{\"merchant_id\":\"M1\",\"event_id\":\"e1\"}";

  private static SignedRequest signed(String secret, String sentUrl, String sentBody) {
    return request()
        .header(HEADER, hmacBase64("HmacSHA256", secret, URL + BODY))
        .url(sentUrl)
        .body(sentBody)
        .build();
  }

  @Test
  void validSignatureIsAccepted() {
    assertThat(verifier("square", OLD_SECRET).verify(signed(OLD_SECRET, URL, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(
            verifier("square", OLD_SECRET)
                .verify(signed(OLD_SECRET, URL, BODY.replace("e1", "e2"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void anotherUrlIsRefused() {
    String other = "https://relay.example.com/in/ep_2?source=square";

    assertThat(verifier("square", OLD_SECRET).verify(signed(OLD_SECRET, other, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("square", OLD_SECRET).verify(signed(WRONG_SECRET, URL, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("square", OLD_SECRET).verify(request().url(URL).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("square", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, URL, BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, URL, BODY))).isEqualTo(Verdict.accepted());
  }
}
