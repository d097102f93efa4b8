package dev.inlet.relay.provider;

import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verifier;
import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.NOW;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacHex;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearVerifierTest {

  private static final String HEADER = "Linear-Signature";

  private static String body(long webhookTimestampMillis) {
    return "{\"action\":\"create\",\"type\":\"Issue\",\"webhookTimestamp\":"
        + webhookTimestampMillis
        + "}";
  }

  private static SignedRequest signed(String secret, String signedBody, String sentBody) {
    return request()
        .header(HEADER, hmacHex("HmacSHA256", secret, signedBody))
        .body(sentBody)
        .build();
  }

  @Test
  void validSignatureWithFreshTimestampIsAccepted() {
    String body = body(NOW.toEpochMilli() - 5_000);

    assertThat(verifier("linear", OLD_SECRET).verify(signed(OLD_SECRET, body, body)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void bodyWithoutTimestampIsJudgedOnTheSignatureAlone() {
    assertThat(
            verifier("linear", OLD_SECRET).verify(signed(OLD_SECRET, "not json", "not json")))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    String body = body(NOW.toEpochMilli());

    assertThat(
            verifier("linear", OLD_SECRET)
                .verify(signed(OLD_SECRET, body, body.replace("Issue", "Project"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    String body = body(NOW.toEpochMilli());

    assertThat(verifier("linear", OLD_SECRET).verify(signed(WRONG_SECRET, body, body)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void staleBodyTimestampIsRefused() {
    String body = body(NOW.toEpochMilli() - 301_000);

    assertThat(verifier("linear", OLD_SECRET).verify(signed(OLD_SECRET, body, body)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(
            verifier("linear", OLD_SECRET)
                .verify(request().body(body(NOW.toEpochMilli())).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("linear", OLD_SECRET, NEW_SECRET);
    String body = body(NOW.toEpochMilli());

    assertThat(verifier.verify(signed(OLD_SECRET, body, body))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, body, body))).isEqualTo(Verdict.accepted());
  }
}
