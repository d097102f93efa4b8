package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendgridProviderTest {

  private static final Provider SENDGRID = Providers.require("sendgrid");
  private static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
  private static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

  /*
   * SendGrid's own vectors: @sendgrid/eventwebhook@8.0.0, src/eventwebhook.spec.js ("should verify a
   * valid single event signature", "... multi event signature", "should reject for invalid key"),
   * from https://github.com/sendgrid/sendgrid-nodejs (packages/eventwebhook). The payloads are the
   * spec's JSON.stringify(...) + "\r\n" (and "},\r\n{" between events), as SendGrid posts them.
   */
  private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpV"
      + "KS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
  private static final String SIG = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIq"
      + "Hh89M15TluLtEZtM=";
  private static final String TS = "1600112502";
  private static final String PAYLOAD = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced "
      + "Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":"
      + "\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":"
      + "\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

  private static final String KEY_MULTIPLE = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEQ4LIFtWztlsF7skFqOncjD1lun4H5w8XOhy"
      + "OArHW9RcIx/FfEzx6cikC/yPfUvwaX/JScE7Fc9CJD2afQ9Ok3Q==";
  private static final String SIG_MULTIPLE = "MEYCIQC/I4o6vCgqRYrTljjoVWB/GRWNtxeePlLMHr3x9ETeRQIhAIpV+03nREPTTHWSW0w"
      + "IOA0EoMPdcNgXa70yCaqDJlu5";
  private static final String TS_MULTIPLE = "1619651159";
  private static final String PAYLOAD_MULTIPLE = "[{\"email\":\"invalid@gmail.com\",\"event\":\"processed\","
      + "\"send_at\":0,\"sg_event_id\":\"cHJvY2Vzc2VkLTE5OTQyMTEyLXFOd0JMZ1BRUWpXNkRKdktRd1NBYnctMA\","
      + "\"sg_message_id\":\"qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-canary-547b64655b-cw6zx-1-6089EA4A-56.0\","
      + "\"smtp-id\":\"<qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>\",\"timestamp\":1619651146},\r\n"
      + "{\"email\":\"invalid@gmail.com\",\"event\":\"bounce\",\"ip\":\"167.89.101.76\",\"reason\":\"552 5.2.2 "
      + "The email account that you tried to reach is over quota and inactive. Please direct the recipient to "
      + "https://support.google.com/mail/?p=OverQuotaPerm c17si1130468pgv.34 - gsmtp\",\"sg_event_id\":"
      + "\"Ym91bmNlLTAtMTk5NDIxMTItcU53QkxnUFFRalc2REp2S1F3U0Fidy0w\",\"sg_message_id\":"
      + "\"qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-canary-547b64655b-cw6zx-1-6089EA4A-56.0\",\"smtp-id\":"
      + "\"<qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>\",\"status\":\"5.2.2\",\"timestamp\":1619651147,"
      + "\"tls\":1,\"type\":\"blocked\"}]\r\n";

  /** The key SendGrid's spec uses for "should reject for invalid key". */
  private static final String OTHER_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDut"
      + "dhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==";

  private static VerificationConfig config(String publicKey) {
    return new VerificationConfig("sendgrid", List.of(), null, null, null, null, null, null, null, null, null,
        publicKey);
  }

  private static Verifier verifier(String publicKey) {
    return Fixtures.build(config(publicKey));
  }

  private static SignedRequest request(String signature, String timestamp, String body) {
    return Fixtures.request().header(SIGNATURE, signature).header(TIMESTAMP, timestamp).body(body)
        .now(Instant.ofEpochSecond(Long.parseLong(timestamp) + 10)).build();
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String base64(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }

  private static SignedRequest signed(KeyPair pair, long ts, String body) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update((ts + body).getBytes(StandardCharsets.UTF_8));
    return Fixtures.request().header(SIGNATURE, Base64.getEncoder().encodeToString(signer.sign()))
        .header(TIMESTAMP, Long.toString(ts)).body(body).build();
  }

  @Test
  void sendgridsOwnVectorsAreAccepted() {
    assertThat(verifier(KEY).verify(request(SIG, TS, PAYLOAD))).isEqualTo(Verdict.accepted());
    assertThat(verifier(KEY_MULTIPLE).verify(request(SIG_MULTIPLE, TS_MULTIPLE, PAYLOAD_MULTIPLE)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void theKeyMayBeGivenAsPem() {
    String pem = "-----BEGIN PUBLIC KEY-----\n" + KEY.substring(0, 64) + "\n" + KEY.substring(64)
        + "\n-----END PUBLIC KEY-----\n";

    assertThat(verifier(pem).verify(request(SIG, TS, PAYLOAD))).isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyOrTimestampIsRefused() {
    assertThat(verifier(KEY).verify(request(SIG, TS, PAYLOAD.replace("dropped", "delivered"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier(KEY).verify(request(SIG, TS, PAYLOAD.trim())))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier(KEY).verify(request(SIG, "1600112503", PAYLOAD)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void anotherKeyIsRefused() {
    assertThat(verifier(OTHER_KEY).verify(request(SIG, TS, PAYLOAD)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier(KEY_MULTIPLE).verify(request(SIG, TS, PAYLOAD)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void theTimestampMustBeWithinTolerance() throws Exception {
    KeyPair pair = keyPair();
    Verifier verifier = verifier(base64(pair));
    long now = NOW.getEpochSecond();

    assertThat(verifier.verify(signed(pair, now - 299, PAYLOAD))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(pair, now - 301, PAYLOAD)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(signed(pair, now + 301, PAYLOAD)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    SignedRequest vectorLater = Fixtures.request().header(SIGNATURE, SIG).header(TIMESTAMP, TS).body(PAYLOAD)
        .now(Instant.ofEpochSecond(1600112502L + 301)).build();
    assertThat(verifier(KEY).verify(vectorLater))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
  }

  @Test
  void missingOrMalformedHeadersAreRefused() {
    Verifier verifier = verifier(KEY);

    assertThat(verifier.verify(Fixtures.request().header(TIMESTAMP, TS).body(PAYLOAD).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(Fixtures.request().header(SIGNATURE, SIG).body(PAYLOAD).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request("%%%not base64%%%", TS, PAYLOAD)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    SignedRequest badTimestamp = Fixtures.request().header(SIGNATURE, SIG).header(TIMESTAMP, "timestamp")
        .body(PAYLOAD).build();
    assertThat(verifier.verify(badTimestamp)).isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    // Base64 that is not a DER signature cannot match.
    assertThat(verifier.verify(request("AAAA", TS, PAYLOAD)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void checkRequiresAParsableP256Key() throws Exception {
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    String notP256 = base64(p384.generateKeyPair());
    for (String bad : new String[] {null, " ", "not a key", "AAAA", notP256, KEY.substring(10)}) {
      List<FieldError> errors = new ArrayList<>();
      SENDGRID.check(config(bad), errors);
      assertThat(errors).as(String.valueOf(bad)).extracting(FieldError::pointer)
          .containsExactly("/verification/publicKey");
    }
    List<FieldError> errors = new ArrayList<>();
    SENDGRID.check(config(KEY), errors);
    assertThat(errors).isEmpty();
    assertThat(SENDGRID.needsSecrets()).isFalse();
    assertThatThrownBy(() -> verifier("not a key")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not a key");
  }

  @Test
  void aBatchDedupesByItsBodyAndIsTypedByItsFirstEvent() {
    HeaderLookup headers = HeaderLookup.of(Map.of(SIGNATURE, SIG, TIMESTAMP, TS));
    EventBody batch = EventBody.of(PAYLOAD_MULTIPLE.getBytes(StandardCharsets.UTF_8));

    assertThat(SENDGRID.eventId(headers, batch)).isEmpty();
    assertThat(SENDGRID.eventType(headers, batch)).contains("processed");
    assertThat(SENDGRID.eventType(headers, EventBody.of("[]".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    assertThat(SENDGRID.eventType(headers, EventBody.of("{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8))))
        .isEmpty();
  }
}
