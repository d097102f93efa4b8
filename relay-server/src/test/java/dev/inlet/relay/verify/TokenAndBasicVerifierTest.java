package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Fixtures.NEW_SECRET;
import static dev.inlet.relay.verify.Fixtures.OLD_SECRET;
import static dev.inlet.relay.verify.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.verify.Fixtures.request;
import static dev.inlet.relay.verify.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.relay.endpoint.Scheme;
import dev.inlet.relay.endpoint.VerificationConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schemes without a body signature: GitLab's token, bearer, basic and none. */
class TokenAndBasicVerifierTest {

  private static SignedRequest withHeader(String name, String value) {
    return request().header(name, value).body("{}").build();
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static Verifier basicVerifier() {
    return Verifiers.forConfig(
        new VerificationConfig(
            "basic", List.of(), null, null, null, null, null, null, "relay", "s3cret:pw", null));
  }

  @Test
  void gitlabTokenMustEqualAnActiveSecret() {
    Verifier verifier = verifier(Scheme.GITLAB, OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(withHeader("X-Gitlab-Token", OLD_SECRET)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader("X-Gitlab-Token", NEW_SECRET)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader("X-Gitlab-Token", WRONG_SECRET)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier.verify(withHeader("X-Gitlab-Token", OLD_SECRET + "x")))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier.verify(request().build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void bearerTokenMustEqualAnActiveSecret() {
    Verifier verifier = verifier(Scheme.BEARER, OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(withHeader("Authorization", "Bearer " + OLD_SECRET)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader("authorization", "bearer " + NEW_SECRET)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader("Authorization", "Bearer " + WRONG_SECRET)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier.verify(withHeader("Authorization", OLD_SECRET)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(request().build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void bearerTokenMayComeInAConfiguredHeader() {
    Verifier verifier =
        Verifiers.forConfig(
            new VerificationConfig(
                "bearer",
                List.of(OLD_SECRET),
                null,
                "X-Api-Key",
                null,
                null,
                null,
                null,
                null,
                null,
                null));

    assertThat(verifier.verify(withHeader("X-Api-Key", OLD_SECRET))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader("Authorization", "Bearer " + OLD_SECRET)))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void basicCredentialsMustMatchUserAndPassword() {
    Verifier verifier = basicVerifier();

    assertThat(verifier.verify(withHeader("Authorization", basic("relay:s3cret:pw"))))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader("Authorization", basic("relay:wrong"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier.verify(withHeader("Authorization", basic("other:s3cret:pw"))))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
    assertThat(verifier.verify(withHeader("Authorization", "Basic ***")))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(withHeader("Authorization", "Bearer x")))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(request().build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
  }

  @Test
  void noneAcceptsEverything() {
    assertThat(Verifiers.forConfig(VerificationConfig.none()).verify(request().build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void schemesThatNeedSecretsRefuseToBuildWithoutOne() {
    assertThatThrownBy(() -> verifier(Scheme.GITHUB)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Verifiers.forConfig(
                    new VerificationConfig(
                        "basic", List.of(), null, null, null, null, null, null, "relay", null,
                        null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Verifiers.forConfig(
                    new VerificationConfig(
                        "rot13", List.of(), null, null, null, null, null, null, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everySchemeHasAVerifier() {
    for (Scheme scheme : Scheme.values()) {
      VerificationConfig config =
          new VerificationConfig(
              scheme.wireName(),
              List.of("whsec_c2VjcmV0"),
              null,
              "X-Signature",
              null,
              null,
              null,
              null,
              "u",
              "p",
              null);

      assertThat(Verifiers.forConfig(config)).as(scheme.wireName()).isNotNull();
    }
  }

  @Test
  void refusalReasonsHaveTextAndMetricTags() {
    assertThat(RefusalReason.MISSING_HEADER.text()).isEqualTo("missing header");
    assertThat(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE.metricTag())
        .isEqualTo("timestamp_outside_tolerance");
  }
}
