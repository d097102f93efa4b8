package dev.inlet.relay.queue;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueueApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Api.TenantAccess acme = relay.newTenant("acme");
  static final Api.TenantAccess globex = relay.newTenant("globex");

  @Test
  void queueIsCreatedWithDefaults() {
    Response created = api.as(acme.adminToken()).body(Map.of("name", "orders")).post("/v1/queues");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.<Integer>path("leaseSeconds")).isEqualTo(30);
    assertThat(created.<Integer>path("maxAttempts")).isEqualTo(10);
    assertThat(created.<String>path("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
  }

  @Test
  void queueIsReadWithStatsUpdatedAndDeleted() {
    api.as(acme.adminToken()).body(Map.of("name", "crud", "leaseSeconds", 60, "maxAttempts", 3))
        .post("/v1/queues").then().statusCode(201);
    Response read = api.as(acme.adminToken()).get("/v1/queues/crud");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.<Integer>path("leaseSeconds")).isEqualTo(60);
    assertThat(read.<Integer>path("stats.ready")).isZero();
    assertThat(read.<Integer>path("stats.dead")).isZero();

    Response updated = api.as(acme.adminToken()).body(Map.of("leaseSeconds", 120)).patch("/v1/queues/crud");
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.<Integer>path("leaseSeconds")).isEqualTo(120);
    assertThat(updated.<Integer>path("maxAttempts")).isEqualTo(3);

    api.as(acme.adminToken()).delete("/v1/queues/crud").then().statusCode(204);
    assertProblem(api.as(acme.adminToken()).get("/v1/queues/crud"), 404, "not-found");
    assertProblem(api.as(acme.adminToken()).delete("/v1/queues/crud"), 404, "not-found");
  }

  @Test
  void duplicateQueueNameIsAConflictButOtherTenantsMayUseIt() {
    api.createQueue(acme.adminToken(), "shared-name");
    assertProblem(api.as(acme.adminToken()).body(Map.of("name", "shared-name")).post("/v1/queues"), 409, "conflict");
    api.createQueue(globex.adminToken(), "shared-name");
  }

  @Test
  void anotherTenantsQueueIsNotFound() {
    api.createQueue(acme.adminToken(), "private");
    assertProblem(api.as(globex.adminToken()).get("/v1/queues/private"), 404, "not-found");
    assertProblem(api.as(globex.adminToken()).body(Map.of("leaseSeconds", 5)).patch("/v1/queues/private"), 404,
        "not-found");
    assertProblem(api.as(globex.adminToken()).delete("/v1/queues/private"), 404, "not-found");
    assertThat(api.as(globex.adminToken()).get("/v1/queues").<List<String>>path("items.name")).doesNotContain("private");
    assertThat(api.as(acme.adminToken()).get("/v1/queues/private").<Integer>path("leaseSeconds")).isEqualTo(30);
  }

  @Test
  void outOfRangeSettingsAreValidationProblemsPointingAtTheField() {
    assertThat(invalid(Map.of("name", "x", "leaseSeconds", 0))).contains("/leaseSeconds");
    assertThat(invalid(Map.of("name", "x", "leaseSeconds", 43_201))).contains("/leaseSeconds");
    assertThat(invalid(Map.of("name", "x", "maxAttempts", 0))).contains("/maxAttempts");
    assertThat(invalid(Map.of("name", "Has Spaces"))).contains("/name");
    assertThat(invalid(Map.of("name", "a".repeat(65)))).contains("/name");
    assertThat(invalid(Map.of("name", "x", "leaseSecond", 5))).isNotEmpty();
    assertThat(invalid(Map.of("leaseSeconds", 5))).isNotEmpty();
    assertProblem(api.as(acme.adminToken()).get("/v1/queues/x"), 404, "not-found");
  }

  @Test
  void emptyPatchAndOutOfRangePatchAreRefusedAndChangeNothing() {
    api.createQueue(acme.adminToken(), "patched");
    assertProblem(api.as(acme.adminToken()).body(Map.of()).patch("/v1/queues/patched"), 400, "validation");
    assertProblem(api.as(acme.adminToken()).body(Map.of("leaseSeconds", -1)).patch("/v1/queues/patched"), 400,
        "validation");
    assertThat(api.as(acme.adminToken()).get("/v1/queues/patched").<Integer>path("leaseSeconds")).isEqualTo(30);
  }

  @Test
  void outOfRangePaginationIsRefused() {
    List<String> pointers = assertProblem(api.as(acme.adminToken()).queryParam("limit", 101).get("/v1/queues"), 400,
        "validation");
    assertThat(pointers).contains("?limit");
    assertProblem(api.as(acme.adminToken()).queryParam("limit", 0).get("/v1/queues"), 400, "validation");
    assertProblem(api.as(acme.adminToken()).queryParam("cursor", "%%%").get("/v1/queues"), 400, "validation");
  }

  @Test
  void queuesArePagedInNameOrder() {
    Api.TenantAccess paged = relay.newTenant("paged-queues");
    for (String name : List.of("c", "a", "e", "b", "d")) {
      api.createQueue(paged.adminToken(), name);
    }
    Response first = api.as(paged.adminToken()).queryParam("limit", 3).get("/v1/queues");
    assertThat(first.<List<String>>path("items.name")).containsExactly("a", "b", "c");
    Response second = api.as(paged.adminToken()).queryParam("limit", 3)
        .queryParam("cursor", first.<String>path("nextCursor")).get("/v1/queues");
    assertThat(second.<List<String>>path("items.name")).containsExactly("d", "e");
    assertThat(second.<String>path("nextCursor")).isNull();
  }

  private static List<String> invalid(Map<String, Object> body) {
    return assertProblem(api.as(acme.adminToken()).body(body).post("/v1/queues"), 400, "validation");
  }
}
