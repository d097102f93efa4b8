package dev.inlet.relay.provider;

import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verifier;
import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.NOW;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacBase64;
import static dev.inlet.relay.provider.Fixtures.hmacHex;
import static dev.inlet.relay.provider.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenericHmacVerifierTest {

  private static final String BODY = "{\"order\":42}";
  private static final long TS = NOW.getEpochSecond();

  private static Verifier hmac(
      String algorithm, String encoding, String prefix, String timestampHeader, String... secrets) {
    return Fixtures.build(
        new VerificationConfig(
            "hmac",
            List.of(secrets),
            null,
            "X-Signature",
            algorithm,
            encoding,
            prefix,
            timestampHeader,
            null,
            null,
            null, null));
  }

  @Test
  void defaultsAreSha256HexWithoutPrefix() {
    SignedRequest request =
        request().header("x-signature", hmacHex("HmacSHA256", OLD_SECRET, BODY)).body(BODY).build();

    assertThat(hmac(null, null, null, null, OLD_SECRET).verify(request))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void sha512Base64WithPrefixIsAccepted() {
    String value = "sha512=" + hmacBase64("HmacSHA512", OLD_SECRET, BODY);

    assertThat(
            hmac("sha512", "base64", "sha512=", null, OLD_SECRET)
                .verify(request().header("X-Signature", value).body(BODY).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void sha1IsSupported() {
    SignedRequest request =
        request().header("X-Signature", hmacHex("HmacSHA1", OLD_SECRET, BODY)).body(BODY).build();

    assertThat(hmac("sha1", "hex", null, null, OLD_SECRET).verify(request))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void timestampHeaderIsSignedAndChecked() {
    Verifier verifier = hmac(null, null, null, "X-Timestamp", OLD_SECRET);
    long stale = TS - 301;

    assertThat(
            verifier.verify(
                request()
                    .header("X-Signature", hmacHex("HmacSHA256", OLD_SECRET, TS + "." + BODY))
                    .header("X-Timestamp", Long.toString(TS))
                    .body(BODY)
                    .build()))
        .isEqualTo(Verdict.accepted());
    assertThat(
            verifier.verify(
                request()
                    .header("X-Signature", hmacHex("HmacSHA256", OLD_SECRET, stale + "." + BODY))
                    .header("X-Timestamp", Long.toString(stale))
                    .body(BODY)
                    .build()))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(
            verifier.verify(
                request()
                    .header("X-Signature", hmacHex("HmacSHA256", OLD_SECRET, BODY))
                    .body(BODY)
                    .build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void tamperedBodyIsRefused() {
    SignedRequest request =
        request()
            .header("X-Signature", hmacHex("HmacSHA256", OLD_SECRET, BODY))
            .body("{\"order\":43}")
            .build();

    assertThat(hmac(null, null, null, null, OLD_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    SignedRequest request =
        request()
            .header("X-Signature", hmacHex("HmacSHA256", WRONG_SECRET, BODY))
            .body(BODY)
            .build();

    assertThat(hmac(null, null, null, null, OLD_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeaderIsRefusedAndMissingPrefixIsMalformed() {
    Verifier verifier = hmac(null, null, "sha256=", null, OLD_SECRET);

    assertThat(verifier.verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(
            verifier.verify(
                request()
                    .header("X-Signature", hmacHex("HmacSHA256", OLD_SECRET, BODY))
                    .body(BODY)
                    .build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = hmac(null, null, null, null, OLD_SECRET, NEW_SECRET);

    assertThat(
            verifier.verify(
                request()
                    .header("X-Signature", hmacHex("HmacSHA256", OLD_SECRET, BODY))
                    .body(BODY)
                    .build()))
        .isEqualTo(Verdict.accepted());
    assertThat(
            verifier.verify(
                request()
                    .header("X-Signature", hmacHex("HmacSHA256", NEW_SECRET, BODY))
                    .body(BODY)
                    .build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void unusableConfigurationIsRejectedAtBuildTime() {
    assertThatThrownBy(() -> hmac("md5", null, null, null, OLD_SECRET))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hmac(null, "base32", null, null, OLD_SECRET))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Fixtures.build(
                    new VerificationConfig(
                        "hmac",
                        List.of(OLD_SECRET),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
