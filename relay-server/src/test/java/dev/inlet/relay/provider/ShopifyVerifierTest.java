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

class ShopifyVerifierTest {

  private static final String HEADER = "X-Shopify-Hmac-Sha256";
  private static final String BODY = "{\"id\":820982911946154508,\"email\":\"jon@example.com\"}";

  private static SignedRequest signed(String secret, String sentBody) {
    return request().header(HEADER, hmacBase64("HmacSHA256", secret, BODY)).body(sentBody).build();
  }

  @Test
  void validSignatureIsAccepted() {
    assertThat(verifier("shopify", OLD_SECRET).verify(signed(OLD_SECRET, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(
            verifier("shopify", OLD_SECRET)
                .verify(signed(OLD_SECRET, BODY.replace("jon", "eve"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("shopify", OLD_SECRET).verify(signed(WRONG_SECRET, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("shopify", OLD_SECRET).verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void nonBase64HeaderIsMalformed() {
    SignedRequest request = request().header(HEADER, "%%%not base64%%%").body(BODY).build();

    assertThat(verifier("shopify", OLD_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("shopify", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, BODY))).isEqualTo(Verdict.accepted());
  }
}
