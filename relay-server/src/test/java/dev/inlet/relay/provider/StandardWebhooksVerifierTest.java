package dev.inlet.relay.provider;

import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verifier;
import static dev.inlet.relay.provider.Fixtures.NOW;
import static dev.inlet.relay.provider.Fixtures.hmacBase64;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardWebhooksVerifierTest {

  /** The test vector published with the Standard Webhooks specification. */
  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final String SPEC_TIMESTAMP = "1614265330";
  private static final String SPEC_BODY = "{\"test\": 2432232314}";
  private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final Instant SPEC_NOW = Instant.ofEpochSecond(1614265330L);

  private static final String OLD =
      "whsec_" + Base64.getEncoder().encodeToString("old-key-0123456789abcdef".getBytes());
  private static final String NEW =
      "whsec_" + Base64.getEncoder().encodeToString("new-key-0123456789abcdef".getBytes());
  private static final long TS = NOW.getEpochSecond();

  private static String sign(String secret, String id, long ts, String body) {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    return "v1," + hmacBase64("HmacSHA256", key, id + "." + ts + "." + body);
  }

  private static SignedRequest webhook(String id, long ts, String signature, String body) {
    return request()
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(ts))
        .header("webhook-signature", signature)
        .body(body)
        .build();
  }

  @Test
  void specificationTestVectorIsAccepted() {
    SignedRequest request =
        request()
            .header("webhook-id", SPEC_ID)
            .header("webhook-timestamp", SPEC_TIMESTAMP)
            .header("webhook-signature", SPEC_SIGNATURE)
            .body(SPEC_BODY)
            .now(SPEC_NOW)
            .build();

    assertThat(verifier("standard-webhooks", SPEC_SECRET).verify(request))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void svixHeadersAreAcceptedToo() {
    SignedRequest request =
        request()
            .header("svix-id", SPEC_ID)
            .header("svix-timestamp", SPEC_TIMESTAMP)
            .header("svix-signature", SPEC_SIGNATURE)
            .body(SPEC_BODY)
            .now(SPEC_NOW)
            .build();

    assertThat(verifier("standard-webhooks", SPEC_SECRET).verify(request))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void secretWithoutPrefixIsReadAsBase64() {
    SignedRequest request =
        request()
            .header("webhook-id", SPEC_ID)
            .header("webhook-timestamp", SPEC_TIMESTAMP)
            .header("webhook-signature", SPEC_SIGNATURE)
            .body(SPEC_BODY)
            .now(SPEC_NOW)
            .build();

    assertThat(
            verifier("standard-webhooks", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").verify(request))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void otherVersionsAreIgnoredAndAnyV1MayMatch() {
    String header =
        "v1a,bm90LWFuLWVkMjU1MTktc2ln "
            + sign(NEW, "msg_1", TS, "{}")
            + " "
            + sign(OLD, "msg_1", TS, "{}");

    assertThat(verifier("standard-webhooks", OLD).verify(webhook("msg_1", TS, header, "{}")))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    SignedRequest request =
        request()
            .header("webhook-id", SPEC_ID)
            .header("webhook-timestamp", SPEC_TIMESTAMP)
            .header("webhook-signature", SPEC_SIGNATURE)
            .body("{\"test\": 2432232315}")
            .now(SPEC_NOW)
            .build();

    assertThat(verifier("standard-webhooks", SPEC_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void tamperedIdIsRefused() {
    SignedRequest request = webhook("msg_2", TS, sign(OLD, "msg_1", TS, "{}"), "{}");

    assertThat(verifier("standard-webhooks", OLD).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(
            verifier("standard-webhooks", OLD)
                .verify(webhook("msg_1", TS, sign(NEW, "msg_1", TS, "{}"), "{}")))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void staleTimestampIsRefused() {
    long stale = TS - 301;

    assertThat(
            verifier("standard-webhooks", OLD)
                .verify(webhook("msg_1", stale, sign(OLD, "msg_1", stale, "{}"), "{}")))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void missingHeaderIsRefused() {
    SignedRequest request =
        request()
            .header("webhook-id", "msg_1")
            .header("webhook-timestamp", Long.toString(TS))
            .body("{}")
            .build();

    assertThat(verifier("standard-webhooks", OLD).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void signatureHeaderWithoutV1IsMalformed() {
    assertThat(
            verifier("standard-webhooks", OLD).verify(webhook("msg_1", TS, "garbage", "{}")))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("standard-webhooks", OLD, NEW);

    assertThat(verifier.verify(webhook("msg_1", TS, sign(OLD, "msg_1", TS, "{}"), "{}")))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(webhook("msg_1", TS, sign(NEW, "msg_1", TS, "{}"), "{}")))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void secretThatIsNotBase64IsRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> verifier("standard-webhooks", "whsec_not*base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not*base64!");
  }
}
