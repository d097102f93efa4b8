package dev.inlet.relay.tenant;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TenantApiTest {
  static TestRelay relay;
  static Api api;

  @BeforeAll
  static void start() {
    relay = TestRelay.start();
    api = new Api(relay);
  }

  @AfterAll
  static void stop() {
    relay.close();
  }

  @Test
  void operatorCreatesATenantAndGetsItsAdminToken() {
    Response response = api.asOperator().body(Map.of("name", "globex")).post("/v1/tenants");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.<String>path("id")).matches("ten_[0-9A-Za-z]{22}");
    assertThat(response.<String>path("name")).isEqualTo("globex");
    assertThat(response.<Integer>path("retentionSeconds")).isEqualTo(604_800);
    String adminToken = response.path("adminToken");
    api.as(adminToken).get("/v1/queues").then().statusCode(200);
  }

  @Test
  void duplicateTenantNameIsAConflict() {
    api.createTenant("twice");
    assertProblem(api.asOperator().body(Map.of("name", "twice")).post("/v1/tenants"), 409, "conflict");
  }

  @Test
  void invalidTenantNameIsAValidationProblemPointingAtName() {
    List<String> pointers = assertProblem(
        api.asOperator().body(Map.of("name", "Not Valid!")).post("/v1/tenants"), 400, "validation");
    assertThat(pointers).containsExactly("/name");
    assertProblem(api.asOperator().body(Map.of()).post("/v1/tenants"), 400, "validation");
    assertProblem(api.asOperator().body(Map.of("name", "ok", "extra", 1)).post("/v1/tenants"), 400, "validation");
    assertThat(assertProblem(api.asOperator().body(Map.of("name", "ok", "retentionSeconds", 1)).post("/v1/tenants"),
        400, "validation")).containsExactly("/retentionSeconds");
    assertThat(assertProblem(api.asOperator().body(Map.of("name", "ok", "ingestRatePerSecond", 0)).post("/v1/tenants"),
        400, "validation")).containsExactly("/ingestRatePerSecond");
  }

  @Test
  void tenantTokenCannotCreateTenants() {
    Api.TenantAccess tenant = api.createTenant("not-operator");
    assertProblem(api.as(tenant.adminToken()).body(Map.of("name", "sneaky")).post("/v1/tenants"), 403, "forbidden");
  }

  @Test
  void operatorTokenSeesNoTenantData() {
    assertProblem(api.asOperator().get("/v1/queues"), 403, "forbidden");
    assertProblem(api.asOperator().get("/v1/endpoints"), 403, "forbidden");
  }

  @Test
  void tenantsAreListedPageByPage() {
    for (int i = 0; i < 5; i++) {
      api.createTenant("page-" + i);
    }
    List<String> names = new ArrayList<>();
    String cursor = null;
    do {
      var request = api.asOperator().queryParam("limit", 2);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      Response page = request.get("/v1/tenants");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.<List<String>>path("items.name")).hasSizeLessThanOrEqualTo(2);
      names.addAll(page.path("items.name"));
      cursor = page.path("nextCursor");
    } while (cursor != null);
    assertThat(names).contains("page-0", "page-1", "page-2", "page-3", "page-4").isSorted().doesNotHaveDuplicates();
  }

  @Test
  void operatorCanMintANewAdminTokenForATenant() {
    Api.TenantAccess tenant = api.createTenant("lost-token");
    Response minted = api.asOperator().body(Map.of()).post("/v1/tenants/" + tenant.id() + "/tokens");
    assertThat(minted.statusCode()).isEqualTo(201);
    api.as(minted.<String>path("token")).get("/v1/queues").then().statusCode(200);
    assertProblem(api.asOperator().body(Map.of()).post("/v1/tenants/ten_0000000000000000000000/tokens"), 404,
        "not-found");
  }
}
