package dev.inlet.relay.provider;

import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verifier;
import static dev.inlet.relay.provider.Fixtures.NEW_SECRET;
import static dev.inlet.relay.provider.Fixtures.OLD_SECRET;
import static dev.inlet.relay.provider.Fixtures.WRONG_SECRET;
import static dev.inlet.relay.provider.Fixtures.request;
import static dev.inlet.relay.provider.Fixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
    return Fixtures.build(
        new VerificationConfig(
            "basic", List.of(), null, null, null, null, null, null, "relay", "s3cret:pw", null, null));
  }

  @Test
  void gitlabTokenMustEqualAnActiveSecret() {
    Verifier verifier = verifier("gitlab", OLD_SECRET, NEW_SECRET);

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
    Verifier verifier = verifier("bearer", OLD_SECRET, NEW_SECRET);

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
        Fixtures.build(
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
                null, null));

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
    assertThat(Fixtures.build(VerificationConfig.none()).verify(request().build()))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void schemesThatNeedSecretsRefuseToBuildWithoutOne() {
    assertThatThrownBy(() -> verifier("github")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Fixtures.build(
                    new VerificationConfig(
                        "basic", List.of(), null, null, null, null, null, null, "relay", null,
                        null, null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Fixtures.build(
                    new VerificationConfig(
                        "rot13", List.of(), null, null, null, null, null, null, null, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Schemes signed with a key pair take the provider's public key instead of secrets. */
  private static final Map<String, String> PUBLIC_KEYS = Map.of(
      "discord", "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664",
      "sendgrid", "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw"
          + "+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==");

  @Test
  void everySchemeHasAVerifier() {
    for (String scheme : Providers.names()) {
      VerificationConfig config =
          new VerificationConfig(
              scheme,
              List.of("whsec_c2VjcmV0"),
              null,
              "X-Signature",
              null,
              null,
              null,
              null,
              "u",
              "p",
              null, PUBLIC_KEYS.get(scheme));

      assertThat(Fixtures.build(config)).as(scheme).isNotNull();
    }
  }

  @Test
  void refusalReasonsHaveTextAndMetricTags() {
    assertThat(RefusalReason.MISSING_HEADER.text()).isEqualTo("missing header");
    assertThat(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE.metricTag())
        .isEqualTo("timestamp_outside_tolerance");
  }
}
