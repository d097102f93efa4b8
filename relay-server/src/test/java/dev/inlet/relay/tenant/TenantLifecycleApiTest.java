package dev.inlet.relay.tenant;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PATCH, suspend, quotas and delete of tenants, on a relay of its own with small default quotas. */
class TenantLifecycleApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.withSettings(Map.of(
      "INLET_QUOTA_MAX_QUEUES", "2", "INLET_QUOTA_MAX_BACKLOG", "3", "INLET_QUOTA_CHECK_MS", "200"));
  static final Api api = relay.api();

  @Test
  void theOperatorReadsAndPatchesATenant() {
    Api.TenantAccess acme = relay.newTenant("acme");
    Response got = api.asOperator().get("/v1/tenants/" + acme.id());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.<Integer>path("quotas.maxQueues")).isEqualTo(2);
    Map<String, Object> quotas = new HashMap<>();
    quotas.put("maxQueues", 5);
    quotas.put("maxEndpoints", null);
    Response patched = api.asOperator().body(Map.of("ingestRatePerSecond", 50, "retentionSeconds", 3600,
        "quotas", quotas)).patch("/v1/tenants/" + acme.id());
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.<Integer>path("ingestRatePerSecond")).isEqualTo(50);
    assertThat(patched.<Integer>path("retentionSeconds")).isEqualTo(3600);
    assertThat(patched.<Integer>path("quotas.maxQueues")).isEqualTo(5);
    assertThat(patched.<Integer>path("quotas.maxEndpoints")).isEqualTo(1000);
  }

  @Test
  void badPatchesAreRefusedAndChangeNothing() {
    Api.TenantAccess acme = relay.newTenant("acme");
    String path = "/v1/tenants/" + acme.id();
    assertProblem(api.asOperator().body(Map.of("status", "deleting")).patch(path), 400, "validation");
    assertProblem(api.asOperator().body(Map.of("retentionSeconds", 1)).patch(path), 400, "validation");
    assertProblem(api.asOperator().body(Map.of("quotas", Map.of("maxQueues", -1))).patch(path), 400, "validation");
    assertProblem(api.asOperator().body(Map.of("colour", "red")).patch(path), 400, "validation");
    assertProblem(api.asOperator().body(Map.of()).patch(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).body(Map.of("status", "active")).patch(path), 403, "forbidden");
    assertProblem(api.asOperator().body(Map.of("status", "active")).patch("/v1/tenants/ten_nope"), 404, "not-found");
    Response got = api.asOperator().get(path);
    assertThat(got.<String>path("status")).isEqualTo("active");
    assertThat(got.<Integer>path("retentionSeconds")).isEqualTo(604800);
  }

  @Test
  void aSuspendedTenantsIngestAnswers503AndItsTokens403UntilResumed() {
    Api.TenantAccess acme = relay.newTenant("acme");
    api.createQueue(acme.adminToken(), "work");
    String endpoint = api.createEndpoint(acme.adminToken(), "in", "work");
    api.asOperator().body(Map.of("status", "suspended")).patch("/v1/tenants/" + acme.id()).then().statusCode(200);

    HttpResponse<String> refused = relay.inbound().post(endpoint, "{\"x\":1}", Map.of());
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertProblem(api.as(acme.adminToken()).get("/v1/queues/work/next"), 403, "forbidden");
    assertProblem(api.as(acme.adminToken()).get("/v1/queues"), 403, "forbidden");

    api.asOperator().body(Map.of("status", "active")).patch("/v1/tenants/" + acme.id()).then().statusCode(200);
    assertThat(relay.inbound().post(endpoint, "{\"x\":2}", Map.of()).statusCode()).isEqualTo(202);
    assertThat(api.as(acme.adminToken()).get("/v1/queues/work/next").statusCode()).isEqualTo(200);
  }

  @Test
  void oneQueueOrEndpointOverTheQuotaIs422WithTheLimit() {
    Api.TenantAccess acme = relay.newTenant("acme");
    api.createQueue(acme.adminToken(), "one");
    api.createQueue(acme.adminToken(), "two");
    assertProblem(api.as(acme.adminToken()).body(Map.of("name", "three")).post("/v1/queues"),
        422, "unprocessable");
    Response third = api.as(acme.adminToken()).body(Map.of("name", "three")).post("/v1/queues");
    assertThat(third.<Integer>path("limit")).isEqualTo(2);
    assertThat(third.<String>path("quota")).isEqualTo("maxQueues");
    assertThat(api.as(acme.adminToken()).get("/v1/queues").<List<String>>path("items.name"))
        .containsExactly("one", "two");

    api.asOperator().body(Map.of("quotas", Map.of("maxEndpoints", 1))).patch("/v1/tenants/" + acme.id())
        .then().statusCode(200);
    api.createEndpoint(acme.adminToken(), "first", "one");
    Response second = api.as(acme.adminToken()).body(Map.of("name", "second", "verification",
        Map.of("scheme", "none"))).post("/v1/endpoints");
    assertThat(second.statusCode()).isEqualTo(422);
    assertThat(second.<Integer>path("limit")).isEqualTo(1);
  }

  @Test
  void aQueueOverItsBacklogQuotaMakesIngestAnswer429WithTheLimitAndDropsNothing() {
    Api.TenantAccess acme = relay.newTenant("acme");
    api.createQueue(acme.adminToken(), "full");
    String endpoint = api.createEndpoint(acme.adminToken(), "in", "full");
    for (int i = 0; i < 4; i++) {
      assertThat(relay.inbound().post(endpoint, "{\"n\":" + i + "}", Map.of()).statusCode()).isEqualTo(202);
    }
    HttpResponse<String> refused = await().atMost(Duration.ofSeconds(20)).until(
        () -> relay.inbound().post(endpoint, "{\"late\":" + System.nanoTime() + "}", Map.of()),
        response -> response.statusCode() == 429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("\"limit\":3").contains("maxBacklogPerQueue");

    api.as(acme.adminToken()).delete("/v1/queues/full/messages").then().statusCode(200);
    await().atMost(Duration.ofSeconds(20)).until(
        () -> relay.inbound().post(endpoint, "{\"after\":" + System.nanoTime() + "}", Map.of()).statusCode() == 202);
  }

  @Test
  void aDeletedTenantIsRemovedInTheBackgroundWithEverythingItOwned() throws SQLException {
    Api.TenantAccess doomed = relay.newTenant("doomed");
    Api.TenantAccess bystander = relay.newTenant("bystander");
    for (Api.TenantAccess tenant : List.of(doomed, bystander)) {
      api.createQueue(tenant.adminToken(), "q");
      String endpoint = api.createEndpoint(tenant.adminToken(), "in", "q");
      relay.inbound().post(endpoint, "{\"a\":1}", Map.of());
      relay.inbound().post(endpoint, "{\"b\":2}", Map.of());
      String ackUrl = new io.vertx.core.json.JsonObject(api.as(tenant.adminToken()).get("/v1/queues/q/next")
          .header("Inlet-Meta")).getString("ackUrl");
      api.as(tenant.adminToken()).post(ackUrl.substring(relay.publicUrl().length())).then().statusCode(204);
      api.as(tenant.adminToken()).get("/v1/queues/q").then().statusCode(200); // flushes this node's rates
    }
    execute("insert into request_log_drops (tenant_id, endpoint_id, dropped) select tenant_id, id, 7 from endpoints"
        + " where tenant_id in ('" + doomed.id() + "', '" + bystander.id() + "')");
    List<String> history = List.of("request_log", "delivery_attempts", "queue_rates", "request_log_drops");
    for (String table : history) {
      // Attempts are written within the recorder's flush interval.
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rows(table, doomed.id())).as(table).isPositive());
    }
    Response deleted = api.asOperator().delete("/v1/tenants/" + doomed.id());
    assertThat(deleted.statusCode()).isEqualTo(202);
    assertProblem(api.as(doomed.adminToken()).get("/v1/queues"), 401, "unauthorized");

    await().atMost(Duration.ofSeconds(30)).until(() -> api.asOperator().get("/v1/tenants/" + doomed.id())
        .statusCode() == 404);
    assertThat(rows("events", doomed.id())).isZero();
    assertThat(rows("messages", doomed.id())).isZero();
    assertThat(rows("queues", doomed.id())).isZero();
    assertThat(rows("endpoints", doomed.id())).isZero();
    assertThat(rows("tokens", doomed.id())).isZero();
    for (String table : history) {
      assertThat(rows(table, doomed.id())).as(table).isZero();
      assertThat(rows(table, bystander.id())).as(table).isPositive();
    }
    assertThat(rows("events", bystander.id())).isEqualTo(2);
    assertThat(rows("messages", bystander.id())).isEqualTo(1); // one of the two was acked
    assertProblem(api.asOperator().delete("/v1/tenants/" + doomed.id()), 404, "not-found");
  }

  private static void execute(String statement) throws SQLException {
    try (Connection db = relay.database().connect(); PreparedStatement sql = db.prepareStatement(statement)) {
      sql.execute();
    }
  }

  private static long rows(String table, String tenantId) throws SQLException {
    try (Connection db = relay.database().connect();
        PreparedStatement count = db.prepareStatement("select count(*) from " + table + " where tenant_id = ?")) {
      count.setString(1, tenantId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
