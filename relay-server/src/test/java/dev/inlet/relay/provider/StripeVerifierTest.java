package dev.inlet.relay.provider;

import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verifier;
import static dev.inlet.relay.provider.Fixtures.NOW;
import static dev.inlet.relay.provider.Fixtures.hmacHex;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StripeVerifierTest {

  private static final String HEADER = "Stripe-Signature";
  private static final String OLD = "whsec_old0123456789abcdef";
  private static final String NEW = "whsec_new0123456789abcdef";
  private static final String BODY = "{\"id\":\"evt_1\",\"object\":\"event\"}";
  private static final long T = NOW.getEpochSecond();

  /** The secret is used as literal text, whsec_ prefix included. */
  private static String v1(String secret, long t, String body) {
    return hmacHex("HmacSHA256", secret, t + "." + body);
  }

  private static SignedRequest withHeader(String value, String body) {
    return request().header(HEADER, value).body(body).build();
  }

  @Test
  void validSignatureIsAccepted() {
    String header =
        "t="
            + T
            + ",v1="
            + v1(OLD, T, BODY)
            + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";

    assertThat(verifier("stripe", OLD).verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void anyOfSeveralV1SignaturesMayMatch() {
    String header = "t=" + T + ",v1=" + v1("whsec_other", T, BODY) + ",v1=" + v1(OLD, T, BODY);

    assertThat(verifier("stripe", OLD).verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    String header = "t=" + T + ",v1=" + v1(OLD, T, BODY);

    assertThat(
            verifier("stripe", OLD).verify(withHeader(header, BODY.replace("evt_1", "evt_2"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    String header = "t=" + T + ",v1=" + v1("whsec_wrong", T, BODY);

    assertThat(verifier("stripe", OLD).verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void secretWithoutItsPrefixDoesNotMatch() {
    String header = "t=" + T + ",v1=" + v1(OLD.substring("whsec_".length()), T, BODY);

    assertThat(verifier("stripe", OLD).verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void staleTimestampIsRefused() {
    long stale = T - 301;
    String header = "t=" + stale + ",v1=" + v1(OLD, stale, BODY);

    assertThat(verifier("stripe", OLD).verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void timestampAtTheEdgeOfTheToleranceIsAccepted() {
    long edge = T - 300;
    String header = "t=" + edge + ",v1=" + v1(OLD, edge, BODY);

    assertThat(verifier("stripe", OLD).verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void configuredToleranceIsUsed() {
    long old = T - 1000;
    String header = "t=" + old + ",v1=" + v1(OLD, old, BODY);
    VerificationConfig config =
        new VerificationConfig(
            "stripe", List.of(OLD), 3600, null, null, null, null, null, null, null, null, null);

    assertThat(Fixtures.build(config).verify(withHeader(header, BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("stripe", OLD).verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void headerWithoutTimestampOrV1IsMalformed() {
    Verifier verifier = verifier("stripe", OLD);

    assertThat(verifier.verify(withHeader("v1=" + v1(OLD, T, BODY), BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(withHeader("t=" + T + ",v0=abcd", BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(withHeader("t=soon,v1=" + v1(OLD, T, BODY), BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("stripe", OLD, NEW);

    assertThat(verifier.verify(withHeader("t=" + T + ",v1=" + v1(OLD, T, BODY), BODY)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader("t=" + T + ",v1=" + v1(NEW, T, BODY), BODY)))
        .isEqualTo(Verdict.accepted());
  }
}
