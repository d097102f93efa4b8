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
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PagerDuty v3 ("Verifying Signatures", PagerDuty developer docs, docs/webhooks/04-Signatures.md in
 * PagerDuty/developer-docs): {@code X-PagerDuty-Signature} holds one or more comma-separated {@code
 * v1=<hex HMAC-SHA256(secret, body)>}; at least one must match.
 */
class PagerDutyProviderTest {

  private static final String HEADER = "X-PagerDuty-Signature";

  /*
   * PagerDuty's own vector: the official Go client's test, PagerDuty/go-pagerduty
   * webhookv3/webhookv3_test.go ("valid" case: secret, defaultBody, signature; "mismatch" case gives
   * the other signature). Re-checked with crypto-js@4.2.0 HmacSHA256(body, secret) -> same hex.
   */
  private static final String VECTOR_SECRET = "lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK";
  private static final String VECTOR_BODY = ""
      + "{\"event\":{\"id\":\"01BWDWL3NYY7LUFPZCC28QUCMK\",\"event_type\":\"incident.priority_updated\",\""
      + "resource_type\":\"incident\",\"occurred_at\":\"2021-04-26T17:36:27.458Z\",\"agent\":{\"html_url\""
      + ":\"https://acme.pagerduty.com/users/PLH1HKV\",\"id\":\"PLH1HKV\",\"self\":\"https://api.pagerdut"
      + "y.com/users/PLH1HKV\",\"summary\":\"Tenex Engineer\",\"type\":\"user_reference\"},\"client\":nul"
      + "l,\"data\":{\"id\":\"PGR0VU2\",\"type\":\"incident\",\"self\":\"https://api.pagerduty.com/incide"
      + "nts/PGR0VU2\",\"html_url\":\"https://acme.pagerduty.com/incidents/PGR0VU2\",\"number\":2,\"statu"
      + "s\":\"triggered\",\"title\":\"A little bump in the road\",\"service\":{\"html_url\":\"https://ac"
      + "me.pagerduty.com/services/PF9KMXH\",\"id\":\"PF9KMXH\",\"self\":\"https://api.pagerduty.com/serv"
      + "ices/PF9KMXH\",\"summary\":\"API Service\",\"type\":\"service_reference\"},\"assignees\":[{\"htm"
      + "l_url\":\"https://acme.pagerduty.com/users/PTUXL6G\",\"id\":\"PTUXL6G\",\"self\":\"https://api.p"
      + "agerduty.com/users/PTUXL6G\",\"summary\":\"User 123\",\"type\":\"user_reference\"}],\"escalation"
      + "_policy\":{\"html_url\":\"https://acme.pagerduty.com/escalation_policies/PUS0KTE\",\"id\":\"PUS0"
      + "KTE\",\"self\":\"https://api.pagerduty.com/escalation_policies/PUS0KTE\",\"summary\":\"Default\""
      + ",\"type\":\"escalation_policy_reference\"},\"teams\":[{\"html_url\":\"https://acme.pagerduty.com"
      + "/teams/PFCVPS0\",\"id\":\"PFCVPS0\",\"self\":\"https://api.pagerduty.com/teams/PFCVPS0\",\"summa"
      + "ry\":\"Engineering\",\"type\":\"team_reference\"}],\"priority\":{\"html_url\":\"https://acme.pag"
      + "erduty.com/account/incident_priorities\",\"id\":\"PSO75BM\",\"self\":\"https://api.pagerduty.com"
      + "/priorities/PSO75BM\",\"summary\":\"P1\",\"type\":\"priority_reference\"},\"urgency\":\"high\",\""
      + "conference_bridge\":{\"conference_number\":1000,\"conference_url\":\"https://example.com\"},\"re"
      + "solve_reason\":null}}}";
  private static final String VECTOR_SIGNATURE =
      "v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd";
  private static final String OTHER_SIGNATURE =
      "v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5";

  private static String v1(String secret, String body) {
    return "v1=" + hmacHex("HmacSHA256", secret, body);
  }

  private static SignedRequest withHeader(String value, String body) {
    return request().header(HEADER, value).body(body).build();
  }

  @Test
  void pagerDutysOwnVectorIsAccepted() {
    assertThat(verifier("pagerduty", VECTOR_SECRET).verify(withHeader(VECTOR_SIGNATURE, VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void pagerDutysMismatchVectorIsRefused() {
    assertThat(verifier("pagerduty", VECTOR_SECRET).verify(withHeader(OTHER_SIGNATURE, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void anyOfSeveralSignaturesMayMatch() {
    Verifier verifier = verifier("pagerduty", VECTOR_SECRET);

    assertThat(verifier.verify(withHeader(OTHER_SIGNATURE + "," + VECTOR_SIGNATURE, VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader(VECTOR_SIGNATURE + ", " + OTHER_SIGNATURE, VECTOR_BODY)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void entriesOfOtherVersionsOrNotHexAreIgnored() {
    Verifier verifier = verifier("pagerduty", VECTOR_SECRET);
    String v2 = "v2=" + VECTOR_SIGNATURE.substring(3);

    assertThat(verifier.verify(withHeader("v1=zz," + VECTOR_SIGNATURE, VECTOR_BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader(v2, VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void tamperedBodyIsRefused() {
    String tampered = VECTOR_BODY.replace("\"urgency\":\"high\"", "\"urgency\":\"low\"");

    assertThat(tampered).isNotEqualTo(VECTOR_BODY);
    assertThat(verifier("pagerduty", VECTOR_SECRET).verify(withHeader(VECTOR_SIGNATURE, tampered)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    assertThat(verifier("pagerduty", OLD_SECRET).verify(withHeader(v1(WRONG_SECRET, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.SIGNATURE_MISMATCH));
  }

  @Test
  void missingOrMalformedHeaderIsRefused() {
    Verifier verifier = verifier("pagerduty", OLD_SECRET);

    assertThat(verifier.verify(request().body(VECTOR_BODY).build()))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(withHeader("  ", VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MISSING_HEADER));
    assertThat(verifier.verify(withHeader(hmacHex("HmacSHA256", OLD_SECRET, VECTOR_BODY), VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
    assertThat(verifier.verify(withHeader("v1=not-hex", VECTOR_BODY)))
        .isEqualTo(Verdict.refused(RefusalReason.MALFORMED_HEADER));
  }

  @Test
  void duringRotationBothSecretsAreAccepted() {
    Verifier verifier = verifier("pagerduty", OLD_SECRET, NEW_SECRET);

    assertThat(verifier.verify(withHeader(v1(OLD_SECRET, VECTOR_BODY), VECTOR_BODY))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(withHeader(v1(NEW_SECRET, VECTOR_BODY), VECTOR_BODY))).isEqualTo(Verdict.accepted());
  }

  @Test
  void theEventIdDedupesAndItsEventTypeIsTheType() {
    Provider pagerDuty = Providers.require("pagerduty");
    EventBody body = EventBody.of(VECTOR_BODY.getBytes(StandardCharsets.UTF_8));
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(pagerDuty.eventId(none, body)).contains("01BWDWL3NYY7LUFPZCC28QUCMK");
    assertThat(pagerDuty.eventType(none, body)).contains("incident.priority_updated");
  }

  @Test
  void aBodyWithoutAnEventGivesNoIdAndNoType() {
    Provider pagerDuty = Providers.require("pagerduty");
    EventBody body = EventBody.of("{\"id\":\"x\",\"event_type\":\"y\"}".getBytes(StandardCharsets.UTF_8));
    HeaderLookup none = HeaderLookup.of(Map.of());

    assertThat(pagerDuty.eventId(none, body)).isEmpty();
    assertThat(pagerDuty.eventType(none, body)).isEmpty();
  }
}
