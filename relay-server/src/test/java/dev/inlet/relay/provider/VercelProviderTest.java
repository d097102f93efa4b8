package dev.inlet.relay.provider;

import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacHex;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VercelProviderTest {

  private static final String HEADER = "x-vercel-signature";
  private static final String BODY =
      "{\"id\":\"uev_0ZpG4WmPL1jwfGGJ2xhGkkR8\",\"type\":\"deployment.created\",\"createdAt\":1700000000000,"
          + "\"region\":\"iad1\",\"payload\":{\"team\":{\"id\":\"team_a1b2c3\"},\"user\":{\"id\":\"user_d4e5f6\"},"
          + "\"deployment\":{\"id\":\"dpl_89qyp1cskzkLrVicDaZoDbjyHuDJ\",\"url\":\"my-app-abc123.vercel.app\","
          + "\"name\":\"my-app\"},\"project\":{\"id\":\"prj_12HKQaOmR5t5Uy6vdcQsNIiZgHGB\"},"
          + "\"target\":\"production\"}}";

  private static final Provider PROVIDER = Providers.require("vercel");

  /**
   * Vercel's docs give no signed example; this vector was made with node 20 running the signer of
   * Vercel's own sample integration (vercel/example-marketplace-integration, app/webhook/route.ts):
   * {@code crypto.createHmac("sha1", secret).update(new Uint8Array(Buffer.from(BODY, "utf-8")))
   * .digest("hex")}, which it compares with {@code x-vercel-signature}. The body follows the payload
   * keys of Vercel's "Webhooks API Reference" (id, type, createdAt, region, payload).
   */
  @Test
  void vectorMadeWithVercelsSampleSignerIsAccepted() {
    Verifier verifier = verifier("vercel", "vercel-client-secret-5d2a9c");

    assertThat(verifier.verify(request()
            .header(HEADER, "3204ecd6f66513895e28368279fb271d18ea374e").body(BODY).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void anSha256SignatureIsRefused() {
    assertThat(verifier("vercel", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA256", OLD_SECRET, BODY)).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void tamperedBodyIsRefused() {
    assertThat(verifier("vercel", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA1", OLD_SECRET, BODY))
            .body(BODY.replace("production", "preview")).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("vercel", OLD_SECRET).verify(request()
            .header(HEADER, hmacHex("HmacSHA1", WRONG_SECRET, BODY)).body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingOrMalformedHeaderIsRefused() {
    Verifier verifier = verifier("vercel", OLD_SECRET);

    assertThat(verifier.verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(request().header(HEADER, "sha1=xyz").body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("vercel", OLD_SECRET, NEW_SECRET);

    for (String secret : new String[] {OLD_SECRET, NEW_SECRET}) {
      assertThat(verifier.verify(request()
              .header(HEADER, hmacHex("HmacSHA1", secret, BODY)).body(BODY).build()))
          .isEqualTo(Verdict.accepted());
    }
  }

  @Test
  void eventIdAndTypeComeFromTheBody() {
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of()), body(BODY))).contains("uev_0ZpG4WmPL1jwfGGJ2xhGkkR8");
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body(BODY))).contains("deployment.created");
    assertThat(PROVIDER.eventId(HeaderLookup.of(Map.of()), body("{\"payload\":{}}"))).isEmpty();
    assertThat(PROVIDER.eventType(HeaderLookup.of(Map.of()), body("{\"payload\":{}}"))).isEmpty();
  }

  private static EventBody body(String text) {
    return EventBody.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
