package dev.inlet.relay.endpoint;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EndpointApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Api.TenantAccess acme = relay.newTenant("acme");
  static final Api.TenantAccess globex = relay.newTenant("globex");

  @BeforeAll
  static void queues() {
    api.createQueue(acme.adminToken(), "orders");
    api.createQueue(acme.adminToken(), "audit");
  }

  @Test
  void endpointIsCreatedWithAnInboundUrlAndSecretsAreNeverEchoed() {
    Response created = api.as(acme.adminToken()).body(Map.of(
        "name", "stripe-prod",
        "verification", Map.of("scheme", "stripe", "secrets", List.of("whsec_TOPSECRET1"), "toleranceSeconds", 300),
        "routes", List.of(Map.of("queue", "orders"),
            Map.of("queue", "audit", "filter", Map.of("jsonPointer", "/type", "equals", "invoice.paid"))),
        "maxBodyBytes", 2_000_000)).post("/v1/endpoints");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.path("id");
    assertThat(id).matches("ep_[0-9A-Za-z]{22}");
    assertThat(created.<String>path("url")).isEqualTo(relay.relay().publicUrl() + "/in/" + id);
    assertThat(created.<String>path("verification.scheme")).isEqualTo("stripe");
    assertThat(created.<Integer>path("verification.secretCount")).isEqualTo(1);
    assertThat(created.<List<String>>path("routes.queue")).containsExactly("orders", "audit");
    assertThat(created.<String>path("routes[1].filter.equals")).isEqualTo("invoice.paid");
    assertThat(created.<Integer>path("maxBodyBytes")).isEqualTo(2_000_000);
    assertThat(created.asString()).doesNotContain("TOPSECRET");

    Response read = api.as(acme.adminToken()).get("/v1/endpoints/" + id);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.asString()).doesNotContain("TOPSECRET");
    assertThat(api.as(acme.adminToken()).get("/v1/endpoints").asString()).doesNotContain("TOPSECRET");
  }

  @Test
  void endpointIdsAreUnguessableAndDistinct() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ids.add(api.createEndpoint(acme.adminToken(), "many-" + i, "orders"));
    }
    assertThat(ids).hasSize(20).allMatch(id -> id.matches("ep_[0-9A-Za-z]{22}"));
  }

  @Test
  void unknownSchemeIsAValidationProblemPointingAtTheScheme() {
    List<String> pointers = assertProblem(api.as(acme.adminToken()).body(Map.of(
        "name", "bad-scheme", "verification", Map.of("scheme", "carrier-pigeon"))).post("/v1/endpoints"),
        400, "validation");
    assertThat(pointers).contains("/verification/scheme");
  }

  @Test
  void schemeRequirementsAreCheckedWithPointers() {
    assertThat(invalid(Map.of("name", "no-secret", "verification", Map.of("scheme", "github"))))
        .containsExactly("/verification/secrets");
    assertThat(invalid(Map.of("name", "no-header", "verification", Map.of("scheme", "hmac", "secrets", List.of("s")))))
        .containsExactly("/verification/header");
    assertThat(invalid(Map.of("name", "no-password", "verification", Map.of("scheme", "basic", "username", "u"))))
        .containsExactly("/verification/username");
    assertThat(invalid(Map.of("name", "bad-whsec",
        "verification", Map.of("scheme", "standard-webhooks", "secrets", List.of("whsec_%%%")))))
        .containsExactly("/verification/secrets/0");
    assertThat(invalid(Map.of("name", "bad-algo",
        "verification", Map.of("scheme", "hmac", "header", "X-Sig", "secrets", List.of("s"), "algorithm", "md5"))))
        .contains("/verification/algorithm");
    assertThat(invalid(Map.of("name", "bad-size", "verification", Map.of("scheme", "none"), "maxBodyBytes", 26_214_401)))
        .contains("/maxBodyBytes");
    assertThat(invalid(Map.of("name", "two-sources", "verification", Map.of("scheme", "none"),
        "dedupe", Map.of("header", "X-Id", "jsonPointer", "/id")))).containsExactly("/dedupe");
    assertThat(invalid(Map.of("name", "dup-route", "verification", Map.of("scheme", "none"),
        "routes", List.of(Map.of("queue", "orders"), Map.of("queue", "orders"))))).containsExactly("/routes/1/queue");
  }

  @Test
  void routeToAMissingQueueIsUnprocessableAndCreatesNothing() {
    Response response = api.as(acme.adminToken()).body(Map.of("name", "dangling",
        "verification", Map.of("scheme", "none"),
        "routes", List.of(Map.of("queue", "orders"), Map.of("queue", "nope")))).post("/v1/endpoints");
    assertThat(assertProblem(response, 422, "unprocessable")).containsExactly("/routes/1/queue");
    assertThat(api.as(acme.adminToken()).queryParam("limit", 100).get("/v1/endpoints")
        .<List<String>>path("items.name")).doesNotContain("dangling");
  }

  @Test
  void routeToAnotherTenantsQueueIsUnprocessable() {
    api.createQueue(globex.adminToken(), "globex-only");
    Response response = api.as(acme.adminToken()).body(Map.of("name", "cross",
        "verification", Map.of("scheme", "none"), "routes", List.of(Map.of("queue", "globex-only"))))
        .post("/v1/endpoints");
    assertThat(assertProblem(response, 422, "unprocessable")).containsExactly("/routes/0/queue");
  }

  @Test
  void duplicateEndpointNameIsAConflict() {
    api.createEndpoint(acme.adminToken(), "same-name", "orders");
    assertProblem(api.as(acme.adminToken()).body(Map.of("name", "same-name", "verification", Map.of("scheme", "none")))
        .post("/v1/endpoints"), 409, "conflict");
  }

  @Test
  void endpointIsUpdatedPartially() {
    String id = api.createEndpoint(acme.adminToken(), "patch-me", "orders");
    Response updated = api.as(acme.adminToken()).body(Map.of(
        "routes", List.of(Map.of("queue", "audit")), "enabled", false, "dedupe", Map.of("header", "X-Event-Id")))
        .patch("/v1/endpoints/" + id);
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.<List<String>>path("routes.queue")).containsExactly("audit");
    assertThat(updated.<Boolean>path("enabled")).isFalse();
    assertThat(updated.<String>path("dedupe.header")).isEqualTo("X-Event-Id");
    assertThat(updated.<String>path("name")).isEqualTo("patch-me");
    assertThat(updated.<String>path("verification.scheme")).isEqualTo("none");

    java.util.HashMap<String, Object> clear = new java.util.HashMap<>();
    clear.put("dedupe", null);
    Response cleared = api.as(acme.adminToken()).body(clear).patch("/v1/endpoints/" + id);
    assertThat(cleared.statusCode()).isEqualTo(200);
    assertThat(cleared.<Object>path("dedupe")).isNull();
    assertThat(cleared.<List<String>>path("routes.queue")).containsExactly("audit");
  }

  @Test
  void failedUpdateChangesNothing() {
    String id = api.createEndpoint(acme.adminToken(), "keep-me", "orders");
    assertProblem(api.as(acme.adminToken()).body(Map.of("name", "renamed", "routes", List.of(Map.of("queue", "nope"))))
        .patch("/v1/endpoints/" + id), 422, "unprocessable");
    Response read = api.as(acme.adminToken()).get("/v1/endpoints/" + id);
    assertThat(read.<String>path("name")).isEqualTo("keep-me");
    assertThat(read.<List<String>>path("routes.queue")).containsExactly("orders");
  }

  @Test
  void anotherTenantsEndpointIsNotFound() {
    String id = api.createEndpoint(acme.adminToken(), "acme-private", "orders");
    assertProblem(api.as(globex.adminToken()).get("/v1/endpoints/" + id), 404, "not-found");
    assertProblem(api.as(globex.adminToken()).body(Map.of("enabled", false)).patch("/v1/endpoints/" + id), 404,
        "not-found");
    assertProblem(api.as(globex.adminToken()).delete("/v1/endpoints/" + id), 404, "not-found");
    assertThat(api.as(acme.adminToken()).get("/v1/endpoints/" + id).<Boolean>path("enabled")).isTrue();
  }

  @Test
  void deletedEndpointIsGone() {
    String id = api.createEndpoint(acme.adminToken(), "delete-me", "orders");
    api.as(acme.adminToken()).delete("/v1/endpoints/" + id).then().statusCode(204);
    assertProblem(api.as(acme.adminToken()).get("/v1/endpoints/" + id), 404, "not-found");
    assertProblem(api.as(acme.adminToken()).get("/v1/endpoints/ep_malformed"), 404, "not-found");
  }

  @Test
  void deletingAQueueRemovesItsRoutes() {
    api.createQueue(acme.adminToken(), "short-lived");
    String id = api.createEndpoint(acme.adminToken(), "routes-to-short-lived", "orders", "short-lived");
    api.as(acme.adminToken()).delete("/v1/queues/short-lived").then().statusCode(204);
    assertThat(api.as(acme.adminToken()).get("/v1/endpoints/" + id).<List<String>>path("routes.queue"))
        .containsExactly("orders");
  }

  private static List<String> invalid(Map<String, Object> body) {
    return assertProblem(api.as(acme.adminToken()).body(body).post("/v1/endpoints"), 400, "validation");
  }
}
