package dev.inlet.relay.auth;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Jwts;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Api.TenantAccess acme = relay.newTenant("acme");

  @Test
  void missingTokenIsRefusedWithAChallenge() {
    Response response = api.anonymous().get("/v1/queues");
    assertProblem(response, 401, "unauthorized");
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void garbageTokenIsRefused() {
    assertProblem(api.as("not-a-token").get("/v1/queues"), 401, "unauthorized");
  }

  @Test
  void unsignedAlgNoneTokenIsRefused() {
    String claims = Jwts.payload(acme.adminToken());
    assertProblem(api.as(Jwts.unsigned(claims)).get("/v1/queues"), 401, "unauthorized");
  }

  @Test
  void tokenSignedWithAnotherKeyIsRefused() {
    String claims = Jwts.payload(acme.adminToken());
    String forged = Jwts.hs256("some-other-secret-0123456789abcdef0123", claims);
    assertProblem(api.as(forged).get("/v1/queues"), 401, "unauthorized");
  }

  @Test
  void tamperedClaimsAreRefused() {
    String[] parts = acme.adminToken().split("\\.");
    String widened = Jwts.payload(acme.adminToken()).replace("\"admin\"", "\"admin\",\"consume:x\"");
    String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(widened.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    assertProblem(api.as(tampered).get("/v1/queues"), 401, "unauthorized");
  }

  @Test
  void expiredTokenIsRefusedEvenWhenCorrectlySigned() {
    long past = Instant.now().minusSeconds(3600).getEpochSecond();
    String claims = Jwts.payload(acme.adminToken()).replaceFirst("\"exp\":\\d+", "\"exp\":" + past);
    assertProblem(api.as(Jwts.hs256(TestRelay.JWT_SECRET, claims)).get("/v1/queues"), 401, "unauthorized");
  }

  @Test
  void correctlySignedTokenThatTheRelayNeverMintedIsRefused() {
    String claims = Jwts.payload(acme.adminToken()).replaceFirst("\"jti\":\"tok_\\w+\"",
        "\"jti\":\"tok_0000000000000000000000\"");
    assertProblem(api.as(Jwts.hs256(TestRelay.JWT_SECRET, claims)).get("/v1/queues"), 401, "unauthorized");
  }

  @Test
  void revokedTokenIsRefusedFromThenOn() {
    Response minted = api.as(acme.adminToken()).body(Map.of("scopes", List.of("admin"))).post("/v1/tokens");
    assertThat(minted.statusCode()).isEqualTo(201);
    String token = minted.path("token");
    api.as(token).get("/v1/queues").then().statusCode(200);

    api.as(acme.adminToken()).delete("/v1/tokens/" + minted.path("id")).then().statusCode(204);

    assertProblem(api.as(token).get("/v1/queues"), 401, "unauthorized");
    api.as(acme.adminToken()).delete("/v1/tokens/" + minted.path("id")).then().statusCode(204);
  }

  @Test
  void revocationOnOneNodeIsEnforcedByAnotherNode() {
    String token = api.mintToken(acme.adminToken(), List.of("admin"));
    String tokenId = tokenId(token);
    try (TestRelay other = relay.startNode()) {
      Api otherApi = new Api(other);
      otherApi.as(token).get("/v1/queues").then().statusCode(200);
      api.as(acme.adminToken()).delete("/v1/tokens/" + tokenId).then().statusCode(204);
      assertProblem(otherApi.as(token).get("/v1/queues"), 401, "unauthorized");
    }
  }

  @Test
  void mintedTokenCarriesTenantScopesAndExpiry() {
    Response minted = api.as(acme.adminToken())
        .body(Map.of("scopes", List.of("consume:orders"), "ttlSeconds", 600)).post("/v1/tokens");
    assertThat(minted.statusCode()).isEqualTo(201);
    String claims = Jwts.payload(minted.path("token"));
    assertThat(claims).contains("\"sub\":\"" + acme.id() + "\"", "\"consume:orders\"", "\"jti\":\"" + minted.path("id") + "\"");
    Instant expires = Instant.parse(minted.<String>path("expiresAt"));
    assertThat(expires).isBetween(Instant.now().plusSeconds(540), Instant.now().plusSeconds(660));
    assertThat(api.as(acme.adminToken()).get("/v1/tokens").<List<String>>path("items.id")).contains(minted.<String>path("id"));
  }

  @Test
  void consumeScopedTokenCannotAdministerTheTenant() {
    String consumer = api.mintToken(acme.adminToken(), List.of("consume:orders"));
    assertProblem(api.as(consumer).get("/v1/queues"), 403, "forbidden");
    assertProblem(api.as(consumer).body(Map.of("scopes", List.of("admin"))).post("/v1/tokens"), 403, "forbidden");
  }

  @Test
  void invalidScopesAndTtlAreValidationProblems() {
    List<String> pointers = assertProblem(
        api.as(acme.adminToken()).body(Map.of("scopes", List.of("superuser"))).post("/v1/tokens"), 400, "validation");
    assertThat(pointers).contains("/scopes/0");
    pointers = assertProblem(
        api.as(acme.adminToken()).body(Map.of("scopes", List.of("admin"), "ttlSeconds", 5)).post("/v1/tokens"),
        400, "validation");
    assertThat(pointers).contains("/ttlSeconds");
  }

  @Test
  void anotherTenantsTokenCannotBeRevoked() {
    Api.TenantAccess other = relay.newTenant("other-revoke");
    String victim = api.mintToken(acme.adminToken(), List.of("admin"));
    assertProblem(api.as(other.adminToken()).delete("/v1/tokens/" + tokenId(victim)), 404, "not-found");
    api.as(victim).get("/v1/queues").then().statusCode(200);
    assertProblem(api.as(acme.adminToken()).delete("/v1/tokens/tok_nope"), 404, "not-found");
  }

  private static String tokenId(String jwt) {
    return Jwts.payload(jwt).replaceFirst(".*\"jti\":\"(tok_\\w+)\".*", "$1");
  }
}
