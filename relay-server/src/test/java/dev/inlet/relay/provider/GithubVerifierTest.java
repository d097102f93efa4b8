package dev.inlet.relay.provider;

import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verifier;
import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.hmacHex;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GithubVerifierTest {

  private static final String HEADER = "X-Hub-Signature-256";
  private static final String BODY = "{\"action\":\"opened\"}";

  private static String sign(String secret, String body) {
    return "sha256=" + hmacHex("HmacSHA256", secret, body);
  }

  @Test
  void githubsDocumentedExampleIsAccepted() {
    Verifier verifier = verifier("github", "It's a Secret to Everybody");
    SignedRequest request =
        request()
            .header(
                HEADER, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
            .body("Hello, World!")
            .build();

    assertThat(verifier.verify(request)).isEqualTo(Verdict.accepted());
  }

  @Test
  void tamperedBodyIsRefused() {
    SignedRequest request =
        request().header(HEADER, sign(OLD_SECRET, BODY)).body(BODY + " ").build();

    assertThat(verifier("github", OLD_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    SignedRequest request = request().header(HEADER, sign(WRONG_SECRET, BODY)).body(BODY).build();

    assertThat(verifier("github", OLD_SECRET).verify(request))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingHeaderIsRefused() {
    assertThat(verifier("github", OLD_SECRET).verify(request().body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void headerWithoutPrefixOrHexIsMalformed() {
    Verifier verifier = verifier("github", OLD_SECRET);

    assertThat(
            verifier.verify(
                request()
                    .header(HEADER, hmacHex("HmacSHA256", OLD_SECRET, BODY))
                    .body(BODY)
                    .build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(request().header(HEADER, "sha256=not-hex").body(BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("github", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(request().header(HEADER, sign(OLD_SECRET, BODY)).body(BODY).build()))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(request().header(HEADER, sign(NEW_SECRET, BODY)).body(BODY).build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void headerNameIsCaseInsensitive() {
    SignedRequest request =
        request().header("x-hub-signature-256", sign(OLD_SECRET, BODY)).body(BODY).build();

    assertThat(verifier("github", OLD_SECRET).verify(request)).isEqualTo(Verdict.accepted());
  }

  @Test
  void oneVerifierIsSafeToShareBetweenThreads() {
    Verifier verifier = verifier("github", OLD_SECRET, NEW_SECRET);

    assertThat(
            IntStream.range(0, 2_000)
                .parallel()
                .mapToObj(i -> "{\"n\":" + i + "}")
                .map(body -> request().header(HEADER, sign(NEW_SECRET, body)).body(body).build())
                .map(verifier::verify))
        .allMatch(Verdict::isAccepted);
  }
}
