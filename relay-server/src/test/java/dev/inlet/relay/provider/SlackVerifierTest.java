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

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackVerifierTest {

  private static final String SIGNATURE = "X-Slack-Signature";
  private static final String TIMESTAMP = "X-Slack-Request-Timestamp";
  private static final String BODY = "{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}";
  private static final long TS = NOW.getEpochSecond();

  private static SignedRequest signed(String secret, long ts, String sentBody) {
    return request()
        .header(SIGNATURE, "v0=" + hmacHex("HmacSHA256", secret, "v0:" + ts + ":" + BODY))
        .header(TIMESTAMP, Long.toString(ts))
        .body(sentBody)
        .build();
  }

  @Test
  void slacksDocumentedExampleIsAccepted() {
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
            + "%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    SignedRequest request =
        request()
            .header(
                SIGNATURE, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")
            .header(TIMESTAMP, "1531420618")
            .body(body)
            .now(Instant.ofEpochSecond(1531420618L + 10))
            .build();

    assertThat(verifier("slack", "8f742231b10e8888abcd99yyyzzz85a5").verify(request))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(
            verifier("slack", OLD_SECRET)
                .verify(signed(OLD_SECRET, TS, BODY.replace("Ev1", "Ev2"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("slack", OLD_SECRET).verify(signed(WRONG_SECRET, TS, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void staleTimestampIsRefused() {
    assertThat(verifier("slack", OLD_SECRET).verify(signed(OLD_SECRET, TS - 301, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void timestampFromTheFutureIsRefused() {
    assertThat(verifier("slack", OLD_SECRET).verify(signed(OLD_SECRET, TS + 301, BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void missingSignatureOrTimestampIsRefused() {
    Verifier verifier = verifier("slack", OLD_SECRET);

    assertThat(verifier.verify(request().header(TIMESTAMP, Long.toString(TS)).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(SIGNATURE, "v0=00").body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void signatureWithoutVersionIsMalformed() {
    SignedRequest request =
        request()
            .header(SIGNATURE, "abcdef")
            .header(TIMESTAMP, Long.toString(TS))
            .body(BODY)
            .build();

    assertThat(verifier("slack", OLD_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("slack", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(signed(OLD_SECRET, TS, BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(NEW_SECRET, TS, BODY))).isEqualTo(Verdict.accepted());
  }
}
