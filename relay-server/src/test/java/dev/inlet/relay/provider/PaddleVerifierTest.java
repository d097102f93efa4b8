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

class PaddleVerifierTest {

  private static final String HEADER = "Paddle-Signature";
  private static final String BODY =
      "{\"event_id\":\"evt_01h\",\"event_type\":\"transaction.paid\"}";
  private static final long TS = NOW.getEpochSecond();

  private static String h1(String secret, long ts, String body) {
    return hmacHex("HmacSHA256", secret, ts + ":" + body);
  }

  private static SignedRequest withHeader(String value, String body) {
    return request().header(HEADER, value).body(body).build();
  }

  @Test
  void validSignatureIsAccepted() {
    assertThat(
            verifier("paddle", OLD_SECRET)
                .verify(withHeader("ts=" + TS + ";h1=" + h1(OLD_SECRET, TS, BODY), BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    String header = "ts=" + TS + ";h1=" + h1(OLD_SECRET, TS, BODY);

    assertThat(verifier("paddle", OLD_SECRET).verify(withHeader(header, BODY + "\n")))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    String header = "ts=" + TS + ";h1=" + h1(WRONG_SECRET, TS, BODY);

    assertThat(verifier("paddle", OLD_SECRET).verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void staleTimestampIsRefused() {
    long stale = TS - 3600;
    String header = "ts=" + stale + ";h1=" + h1(OLD_SECRET, stale, BODY);

    assertThat(verifier("paddle", OLD_SECRET).verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("paddle", OLD_SECRET).verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void headerWithoutSignatureIsMalformed() {
    assertThat(verifier("paddle", OLD_SECRET).verify(withHeader("ts=" + TS, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationEitherSecretIsAcceptedAndSeveralH1AreTried() {
    Verifier verifier = verifier("paddle", OLD_SECRET, NEW_SECRET);
    String both =
        "ts=" + TS + ";h1=" + h1(WRONG_SECRET, TS, BODY) + ";h1=" + h1(NEW_SECRET, TS, BODY);

    assertThat(verifier.verify(withHeader("ts=" + TS + ";h1=" + h1(OLD_SECRET, TS, BODY), BODY)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader(both, BODY))).isEqualTo(Verdict.accepted());
  }
}
