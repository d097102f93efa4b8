package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.NOW;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
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
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MuxProviderTest {

  private static final String HEADER = "Mux-Signature";
  private static final long T = NOW.getEpochSecond();
  private static final String BODY =
      "{\"type\":\"video.asset.ready\","
          + "\"object\":{\"type\":\"asset\",\"id\":\"0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002\"},"
          + "\"id\":\"3a56ac3d-33da-4366-855b-f592d898409d\",\"environment\":{\"name\":\"Demo\",\"id\":\"j0863n\"},"
          + "\"data\":{\"status\":\"ready\",\"id\":\"0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002\"},"
          + "\"created_at\":\"2023-11-14T22:13:19.000000Z\",\"attempts\":[]}";

  /** Mux's own SDK test vector (see below). */
  private static final String SDK_BODY = "{\"test\":\"body\"}";
  private static final String SDK_SECRET = "SuperSecret123";
  private static final String SDK_T = "1565125718";
  private static final String SDK_V1 = "854ece4c22acef7c66b57d4e504153bc512595e8e9c772ece2a68150548c19a7";

  private static final Provider PROVIDER = Providers.require("mux");

  private static String header(String secret, long t, String body) {
    return "t=" + t + ",v1=" + hmacHex("HmacSHA256", secret, t + "." + body);
  }

  private static SignedRequest withHeader(String value, String body) {
    return request().header(HEADER, value).body(body).build();
  }

  private static SignedRequest sdkRequest(String header) {
    return request().header(HEADER, header).body(SDK_BODY).now(Instant.ofEpochSecond(1565125718L)).build();
  }

  /**
   * The vector of Mux's official Node SDK (muxinc/mux-node-sdk, tests/api-resources/webhooks.test.ts),
   * rechecked with @mux/mux-node@15.3.0's {@code webhooks.verifySignature}; Mux's "Verify webhook
   * signatures" page (https://www.mux.com/docs/core/verify-webhook-signatures) documents the scheme.
   */
  @Test
  void muxSdkVectorIsAccepted() {
    Verifier verifier = verifier("mux", SDK_SECRET);

    assertThat(verifier.verify(sdkRequest("t=" + SDK_T + ",v1=" + SDK_V1))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(sdkRequest("t=" + SDK_T + ",v1=invalid-sig,v1=" + SDK_V1)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(sdkRequest("t=" + SDK_T + ",v2=" + SDK_V1 + ",v1=" + SDK_V1)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void muxSdkVectorRefusals() {
    Verifier verifier = verifier("mux", SDK_SECRET);

    assertThat(verifier.verify(sdkRequest("t=" + SDK_T + ",v2=" + SDK_V1)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(sdkRequest(SDK_V1))).isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(request().header(HEADER, "t=" + SDK_T + ",v1=" + SDK_V1).body(SDK_BODY)
            .now(Instant.ofEpochSecond(1565125718L + 360)).build()))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(verifier("mux", OLD_SECRET).verify(
            withHeader(header(OLD_SECRET, T, BODY), BODY.replace("ready", "errored"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("mux", OLD_SECRET).verify(withHeader(header(WRONG_SECRET, T, BODY), BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("mux", OLD_SECRET).verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void staleTimestampIsRefusedAndOneWithinToleranceAccepted() {
    Verifier verifier = verifier("mux", OLD_SECRET);

    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T - 301, BODY), BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T - 300, BODY), BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("mux", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(withHeader(header(OLD_SECRET, T, BODY), BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader(header(NEW_SECRET, T, BODY), BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void eventIdAndTypeComeFromTheBody() {
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of()), body(BODY)))
        .contains("3a56ac3d-33da-4366-855b-f592d898409d");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body(BODY))).contains("video.asset.ready");
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of()), body(SDK_BODY))).isEmpty();
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body(SDK_BODY))).isEmpty();
  }

  private static EventBody body(String text) {
    return EventBody.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
