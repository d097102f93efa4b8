package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NOW;
import static dev.inlet.relay.provider.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.HandshakeReply;
import dev.inlet.relay.handshake.HandshakeRequest;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscordProviderTest {

  private static final Provider DISCORD = Providers.require("discord");
  private static final String SIGNATURE = "X-Signature-Ed25519";
  private static final String TIMESTAMP = "X-Signature-Timestamp";

  /*
   * Vector made with tweetnacl@1.0.3 and confirmed with discord-interactions@4.4.0 (Discord's own
   * library, https://github.com/discord/discord-interactions-js), following Discord's
   * "Validating Security Request Headers" (https://discord.com/developers/docs/interactions/overview):
   *   const kp = nacl.sign.keyPair.fromSeed(Uint8Array.from({length: 32}, (_, i) => i + 1));
   *   const sig = nacl.sign.detached(Buffer.from(timestamp + body), kp.secretKey);   // hex below
   *   await verifyKey(body, sigHex, timestamp, publicKeyHex)        // true
   *   await verifyKey(body + ' ', sigHex, timestamp, publicKeyHex)  // false
   */
  private static final String VECTOR_KEY = "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664";
  private static final String VECTOR_TIMESTAMP = "1700000000";
  private static final String VECTOR_BODY = "{\"application_id\":\"1140000000000000000\","
      + "\"id\":\"1180000000000000001\",\"token\":\"aW50ZXJhY3Rpb246MTE4\",\"type\":2,\"version\":1,"
      + "\"data\":{\"id\":\"1150000000000000000\",\"name\":\"ping\",\"type\":1}}";
  private static final String VECTOR_SIGNATURE = "cf542de9f2bbf70bd0b585834de83ca1e787498ef00568662ca2428867d6bf5c"
      + "8fe8db578011b8f6d5a8063d9b313b7b3d5113c447b9a8da597fd813ab9c6006";
  private static final String PING_BODY = "{\"application_id\":\"1140000000000000000\",\"id\":\"1180000000000000002\","
      + "\"token\":\"aW50ZXJhY3Rpb246MTE5\",\"type\":1,\"user\":{\"id\":\"53908232506183680\","
      + "\"username\":\"mason\"},\"version\":1}";
  private static final String PING_SIGNATURE = "f7085c47ea57aa0de0a1b86d56f082388f1ce63efce06345484eae8edaaad1d7"
      + "5bb1aee63cc569ce9d4164b17c4c588ff5928bb8da953e3a61f6e953f1355a05";

  private static final long TS = NOW.getEpochSecond();

  private static VerificationConfig config(String publicKey) {
    return new VerificationConfig("discord", List.of(), null, null, null, null, null, null, null, null, null,
        publicKey);
  }

  private static Verifier verifier(String publicKey) {
    return Fixtures.build(config(publicKey));
  }

  private static KeyPair keyPair() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  /** The raw 32 bytes at the end of the X.509 encoding, as Discord shows them. */
  private static String rawHex(KeyPair pair) {
    byte[] encoded = pair.getPublic().getEncoded();
    return HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
  }

  private static String sign(KeyPair pair, String content) throws Exception {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(content.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(signer.sign());
  }

  private static SignedRequest signed(KeyPair pair, long ts, String signedBody, String sentBody) throws Exception {
    return request().header(SIGNATURE, sign(pair, ts + signedBody)).header(TIMESTAMP, Long.toString(ts))
        .body(sentBody).build();
  }

  private static SignedRequest vector(String signature, String body) {
    return request().header(SIGNATURE, signature).header(TIMESTAMP, VECTOR_TIMESTAMP).body(body)
        .now(Instant.ofEpochSecond(1_700_000_000L + 5)).build();
  }

  @Test
  void theVectorMadeWithDiscordsLibraryIsAccepted() {
    assertThat(verifier(VECTOR_KEY).verify(vector(VECTOR_SIGNATURE, VECTOR_BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier(VECTOR_KEY.toUpperCase()).verify(vector(VECTOR_SIGNATURE, VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier(VECTOR_KEY).verify(vector(PING_SIGNATURE, PING_BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() throws Exception {
    KeyPair pair = keyPair();
    String body = "{\"id\":\"1\",\"type\":2}";

    assertThat(verifier(VECTOR_KEY).verify(vector(VECTOR_SIGNATURE, VECTOR_BODY + " ")))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier(rawHex(pair)).verify(signed(pair, TS, body, body.replace("2", "3"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void anotherApplicationsKeyIsRefused() throws Exception {
    assertThat(verifier(rawHex(keyPair())).verify(vector(VECTOR_SIGNATURE, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void theTimestampIsSignedAndMustBeWithinTolerance() throws Exception {
    KeyPair pair = keyPair();
    String body = "{\"id\":\"1\",\"type\":2}";
    Verifier verifier = verifier(rawHex(pair));

    assertThat(verifier.verify(signed(pair, TS - 299, body, body))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(signed(pair, TS - 301, body, body)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    assertThat(verifier.verify(signed(pair, TS + 301, body, body)))
        .isEqualTo(Verdict.refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE));
    SignedRequest otherTimestamp = request().header(SIGNATURE, sign(pair, TS + body))
        .header(TIMESTAMP, Long.toString(TS + 1)).body(body).build();
    assertThat(verifier.verify(otherTimestamp)).isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void aConfiguredToleranceIsUsed() throws Exception {
    KeyPair pair = keyPair();
    String body = "{}";
    Verifier verifier = Fixtures.build(new VerificationConfig("discord", List.of(), 900, null, null, null, null,
        null, null, null, null, rawHex(pair)));

    assertThat(verifier.verify(signed(pair, TS - 800, body, body))).isEqualTo(Verdict.accepted());
  }

  @Test
  void missingOrMalformedHeadersAreRefused() {
    Verifier verifier = verifier(VECTOR_KEY);

    assertThat(verifier.verify(request().header(TIMESTAMP, VECTOR_TIMESTAMP).body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(SIGNATURE, VECTOR_SIGNATURE).body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(vector("not-hex", VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(vector(VECTOR_SIGNATURE.substring(2), VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    SignedRequest badTimestamp = request().header(SIGNATURE, VECTOR_SIGNATURE).header(TIMESTAMP, "yesterday")
        .body(VECTOR_BODY).build();
    assertThat(verifier.verify(badTimestamp)).isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void checkRequiresA64HexCharacterPublicKey() {
    for (String bad : new String[] {null, "", "abc", VECTOR_KEY + "00", VECTOR_KEY.replace('7', 'g')}) {
      List<FieldError> errors = new ArrayList<>();
      DISCORD.check(config(bad), errors);
      assertThat(errors).as(String.valueOf(bad)).extracting(FieldError::pointer)
          .containsExactly("/verification/publicKey");
    }
    List<FieldError> errors = new ArrayList<>();
    DISCORD.check(config(VECTOR_KEY), errors);
    assertThat(errors).isEmpty();
    assertThat(DISCORD.needsSecrets()).isFalse();
    assertThatThrownBy(() -> verifier("abc")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("abc");
  }

  @Test
  void theEventIdAndTypeComeFromTheBody() {
    HeaderLookup none = HeaderLookup.of(Map.of());
    EventBody command = EventBody.of(VECTOR_BODY.getBytes(StandardCharsets.UTF_8));
    EventBody webhookEvent = EventBody.of(("{\"version\":1,\"application_id\":\"1140000000000000000\",\"type\":1,"
        + "\"event\":{\"type\":\"APPLICATION_AUTHORIZED\",\"timestamp\":\"2024-10-18T14:42:53.064834\"}}")
        .getBytes(StandardCharsets.UTF_8));
    EventBody empty = EventBody.of("{}".getBytes(StandardCharsets.UTF_8));

    assertThat(DISCORD.eventId(none, command)).contains("1180000000000000001");
    assertThat(DISCORD.eventType(none, command)).contains("2");
    assertThat(DISCORD.eventType(none, webhookEvent)).contains("APPLICATION_AUTHORIZED");
    assertThat(DISCORD.eventId(none, empty)).isEmpty();
    assertThat(DISCORD.eventType(none, empty)).isEmpty();
  }

  private static Optional<HandshakeReply> answer(String body) {
    HandshakeRequest request = new HandshakeRequest("POST", Map.of(), HeaderLookup.of(Map.of()),
        body.getBytes(StandardCharsets.UTF_8), "application/json");
    return DISCORD.handshakes(config(VECTOR_KEY)).answer(request);
  }

  @Test
  void aVerifiedPingIsAnsweredPong() {
    HandshakePolicy policy = DISCORD.handshakes(config(VECTOR_KEY));

    assertThat(policy.verifyFirst()).isTrue();
    Optional<HandshakeReply> reply = answer(PING_BODY);
    assertThat(reply).isPresent();
    assertThat(reply.get().status()).isEqualTo(200);
    assertThat(reply.get().contentType()).isEqualTo("application/json");
    assertThat(reply.get().body()).isEqualTo("{\"type\":1}");
  }

  @Test
  void interactionsWebhookEventsAndMalformedBodiesAreNotPings() {
    assertThat(answer(VECTOR_BODY)).isEmpty();
    assertThat(answer("{\"type\":\"1\"}")).isEmpty();
    assertThat(answer("{\"type\":1.5}")).isEmpty();
    assertThat(answer("{\"version\":1,\"type\":1,\"event\":{\"type\":\"ENTITLEMENT_CREATE\"}}")).isEmpty();
    assertThat(answer("[{\"type\":1}]")).isEmpty();
    assertThat(answer("not json")).isEmpty();
    assertThat(answer("")).isEmpty();
  }
}
