package dev.inlet.relay.tenant;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TenantApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();

  @Test
  void operatorCreatesATenantAndGetsItsAdminToken() {
    String name = RelayExtension.uniqueName("globex");
    Response response = api.asOperator().body(Map.of("name", name)).post("/v1/tenants");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.<String>path("id")).matches("ten_[0-9A-Za-z]{22}");
    assertThat(response.<String>path("name")).isEqualTo(name);
    assertThat(response.<Integer>path("retentionSeconds")).isEqualTo(604_800);
    String adminToken = response.path("adminToken");
    api.as(adminToken).get("/v1/queues").then().statusCode(200);
  }

  @Test
  void duplicateTenantNameIsAConflict() {
    Api.TenantAccess twice = relay.newTenant("twice");
    assertProblem(api.asOperator().body(Map.of("name", twice.name())).post("/v1/tenants"), 409, "conflict");
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
  void tenantTokenCannotCreateTenants(Api.TenantAccess tenant) {
    assertProblem(api.as(tenant.adminToken()).body(Map.of("name", "sneaky")).post("/v1/tenants"), 403, "forbidden");
  }

  @Test
  void operatorTokenSeesNoTenantData() {
    assertProblem(api.asOperator().get("/v1/queues"), 403, "forbidden");
    assertProblem(api.asOperator().get("/v1/endpoints"), 403, "forbidden");
  }

  @Test
  void tenantsAreListedPageByPage() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(relay.newTenant("page-" + i).name());
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
    assertThat(names).containsAll(created).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void operatorCanMintANewAdminTokenForATenant(Api.TenantAccess tenant) {
    Response minted = api.asOperator().body(Map.of()).post("/v1/tenants/" + tenant.id() + "/tokens");
    assertThat(minted.statusCode()).isEqualTo(201);
    api.as(minted.<String>path("token")).get("/v1/queues").then().statusCode(200);
    assertProblem(api.asOperator().body(Map.of()).post("/v1/tenants/ten_0000000000000000000000/tokens"), 404,
        "not-found");
  }
}
