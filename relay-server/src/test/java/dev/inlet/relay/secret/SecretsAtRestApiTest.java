package dev.inlet.relay.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.Signatures;
import dev.inlet.relay.testing.TestRelay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Endpoint secrets and the JWT key are sealed with AES-GCM in the database: a copy of the database
 * alone yields no secret, a key rotation re-seals everything, and a sealed value moved to another
 * row does not verify there.
 */
class SecretsAtRestApiTest {
  /** No INLET_JWT_SECRET: the relay generates its JWT key and keeps it, sealed, in the database. */
  @RegisterExtension static final RelayExtension relay = RelayExtension.withSettings(Map.of("INLET_JWT_SECRET", ""));
  static final Api api = relay.api();
  static final String NEW_KEY = SecretKeys.newKeyText();
  static Api.TenantAccess acme;

  @BeforeAll
  static void start() {
    acme = relay.newTenant("acme");
    api.createQueue(acme.adminToken(), "orders");
  }

  @Test
  void noSecretIsReadableInTheDatabaseYetEachStillVerifies() throws Exception {
    String stripe = stripeEndpoint("stripe-sealed", "whsec_never-in-plaintext-1");
    String basic = api.as(acme.adminToken()).body(Map.of("name", "basic-sealed",
            "verification", Map.of("scheme", "basic", "username", "hooks", "password", "pa55-never-in-plaintext"),
            "routes", List.of(Map.of("queue", "orders"))))
        .post("/v1/endpoints").then().statusCode(201).extract().<String>path("id");

    assertThat(storedVerification(stripe)).contains("inlet:v1:").doesNotContain("never-in-plaintext");
    assertThat(storedVerification(basic)).contains("inlet:v1:", "\"username\": \"hooks\"")
        .doesNotContain("never-in-plaintext");
    assertThat(setting("jwt.hs256.secret")).startsWith("inlet:v1:");

    assertThat(postStripe(relay.inbound(), stripe, "whsec_never-in-plaintext-1", "evt_sealed_1")).isEqualTo(202);
    assertThat(postStripe(relay.inbound(), stripe, "whsec_wrong", "evt_sealed_2")).isEqualTo(401);
    String credentials = Base64.getEncoder().encodeToString("hooks:pa55-never-in-plaintext".getBytes());
    assertThat(relay.inbound().post(basic, "{}", Map.of("Authorization", "Basic " + credentials)).statusCode())
        .isEqualTo(202);
  }

  @Test
  void aRotationSealsEverythingAgainUnderTheNewKeyAndPlaintextFromBeforeIsSealedToo() throws Exception {
    String rotated = stripeEndpoint("stripe-rotated", "whsec_rotated-secret");
    String legacy = stripeEndpoint("stripe-legacy", "whsec_placeholder");
    String unseen = stripeEndpoint("stripe-unseen", "whsec_unseen-secret");
    // As a relay from before sealing stored it.
    update("update endpoints set verification = jsonb_set(verification, '{secrets}', '[\"whsec_legacy-plain\"]')"
        + " where id = ?", legacy);
    String oldKeyId = keyIdOf(storedVerification(rotated));

    try (TestRelay next = TestRelay.start(relay.relay().databaseUrl(), Map.of("INLET_JWT_SECRET", "",
        "INLET_SECRET_KEY", NEW_KEY, "INLET_SECRET_KEYS_PREVIOUS", TestRelay.SECRET_KEY))) {
      String newKeyId = SecretKeys.of(SecretKeys.decodeKey(NEW_KEY), List.of()).currentKeyId();
      assertThat(newKeyId).isNotEqualTo(oldKeyId);
      for (String id : List.of(rotated, legacy, unseen)) {
        assertThat(keyIdOf(storedVerification(id))).as(id).isEqualTo(newKeyId);
      }
      assertThat(storedVerification(legacy)).doesNotContain("legacy-plain");
      assertThat(keyIdOf(setting("jwt.hs256.secret"))).isEqualTo(newKeyId);

      Inbound onNext = new Inbound(next.baseUrl());
      assertThat(postStripe(onNext, rotated, "whsec_rotated-secret", "evt_rot_1")).isEqualTo(202);
      assertThat(postStripe(onNext, legacy, "whsec_legacy-plain", "evt_legacy_1")).isEqualTo(202);
      // The JWT key was opened and sealed again, not replaced: tokens minted before still work.
      new Api(next::baseUrl).as(acme.adminToken()).get("/v1/queues").then().statusCode(200);

      // A node that lacks the new key cannot open what it sealed: 503, so the provider retries.
      assertThat(postStripe(relay.inbound(), unseen, "whsec_unseen-secret", "evt_unseen_1")).isEqualTo(503);
    }
  }

  @Test
  void aSealedSecretMovedToAnotherEndpointDoesNotOpenThere() throws Exception {
    String victim = stripeEndpoint("stripe-victim", "whsec_victim-secret");
    String attacker = stripeEndpoint("stripe-attacker", "whsec_attacker-secret");
    update("update endpoints set verification = (select verification from endpoints where id = '" + victim + "')"
        + " where id = ?", attacker);
    assertThat(postStripe(relay.inbound(), attacker, "whsec_victim-secret", "evt_moved_1")).isNotEqualTo(202)
        .isEqualTo(503);
  }

  private static String stripeEndpoint(String name, String secret) {
    return api.as(acme.adminToken()).body(Map.of("name", RelayExtension.uniqueName(name),
            "verification", Map.of("scheme", "stripe", "secrets", List.of(secret)),
            "routes", List.of(Map.of("queue", "orders"))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
  }

  private static int postStripe(Inbound inbound, String endpoint, String secret, String eventId) {
    String body = "{\"id\":\"" + eventId + "\",\"type\":\"invoice.paid\"}";
    long now = System.currentTimeMillis() / 1000;
    return inbound.post(endpoint, body, Map.of("Stripe-Signature", Signatures.stripe(secret, now, body))).statusCode();
  }

  private static String keyIdOf(String sealedText) {
    int start = sealedText.indexOf("inlet:v1:") + "inlet:v1:".length();
    return sealedText.substring(start, sealedText.indexOf(':', start));
  }

  private static String storedVerification(String endpointId) throws Exception {
    return query("select verification::text from endpoints where id = ?", endpointId);
  }

  private static String setting(String key) throws Exception {
    return query("select value from settings where key = ?", key);
  }

  private static String query(String sql, String parameter) throws Exception {
    try (Connection connection = relay.database().connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    }
  }

  private static void update(String sql, String parameter) throws Exception {
    try (Connection connection = relay.database().connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }
}
