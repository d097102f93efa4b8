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

class ZoomVerifierTest {

  private static final String BODY = "{\"event\":\"meeting.started\",\"event_ts\":1700000000000}";
  private static final long TS = NOW.getEpochSecond();

  private static SignedRequest signed(String secret, long ts, String sentBody) {
    return request()
        .header("x-zm-signature", "v0=" + hmacHex("HmacSHA256", secret, "v0:" + ts + ":" + BODY))
        .header("x-zm-request-timestamp", Long.toString(ts))
        .body(sentBody)
        .build();
  }

  @Test
  void validSignatureIsAccepted() {
    assertThat(verifier("zoom", OLD_SECRET).verify(signed(OLD_SECRET, TS, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(
            verifier("zoom", OLD_SECRET)
                .verify(signed(OLD_SECRET, TS, BODY.replace("started", "ended"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("zoom", OLD_SECRET).verify(signed(WRONG_SECRET, TS, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void staleTimestampIsRefused() {
    assertThat(verifier("zoom", OLD_SECRET).verify(signed(OLD_SECRET, TS - 600, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("zoom", OLD_SECRET).verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("zoom", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, TS, BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, TS, BODY))).isEqualTo(Verdict.accepted());
  }
}
