package dev.inlet.relay.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.relay.store.HousekeepingStore;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request log's cap per endpoint and its retention, with small settings of its own. */
class RequestLogCapApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.withSettings(Map.of(
      "INLET_REQUEST_LOG_MAX_PER_ENDPOINT", "5", "INLET_REQUEST_LOG_RETENTION_HOURS", "2",
      "INLET_VERIFY_FAILURES_PER_SECOND", "1000"));
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();

  @Test
  void aFloodOverTheCapKeepsTheNewestAndCountsWhatItDropped() {
    Api.TenantAccess tenant = relay.newTenant("flood");
    String endpoint = endpoint(tenant);
    String quiet = endpoint(tenant);
    for (int i = 0; i < 12; i++) {
      assertThat(inbound.post(endpoint, "{\"i\":" + i + "}", Map.of("X-Hub-Signature-256", "sha256=00")).statusCode())
          .isEqualTo(401);
    }
    inbound.post(quiet, "{\"q\":1}", Map.of("X-Hub-Signature-256", "sha256=00"));

    await().atMost(Duration.ofSeconds(20)).until(() -> stats(tenant, endpoint).<Integer>path("dropped") == 7);
    Response page = api.as(tenant.adminToken()).queryParam("outcome", "refused").get("/v1/endpoints/" + endpoint
        + "/requests");
    assertThat(page.<List<String>>path("items.bodyPreviewBase64").stream()
        .map(b -> new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8)).toList())
        .containsExactly("{\"i\":11}", "{\"i\":10}", "{\"i\":9}", "{\"i\":8}", "{\"i\":7}");
    Response stats = stats(tenant, endpoint);
    assertThat(stats.<Integer>path("refused")).isEqualTo(5);
    assertThat(stats.<Integer>path("maxRefusedKept")).isEqualTo(5);
    assertThat(stats.<String>path("lastDroppedAt")).isNotNull();
    await().atMost(Duration.ofSeconds(20)).until(() -> stats(tenant, quiet).<Integer>path("refused") == 1);
    assertThat(stats(tenant, quiet).<Integer>path("dropped")).isZero();
    assertThat(api.anonymous().get("/metrics").asString()).containsPattern(
        "inlet_request_log_dropped_total\\{why=\"cap\"\\} [1-9]");
  }

  @Test
  void storedRowsAreTrimmedWhenNewerOnesComeOverTheCap() {
    Api.TenantAccess tenant = relay.newTenant("trim");
    String endpoint = endpoint(tenant);
    for (int i = 0; i < 5; i++) {
      inbound.post(endpoint, "{\"i\":" + i + "}", Map.of("X-Hub-Signature-256", "sha256=00"));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> stats(tenant, endpoint).<Integer>path("refused") == 5);
    assertThat(stats(tenant, endpoint).<Integer>path("dropped")).isZero();

    // Under the cap on their own: the two oldest rows stored go to make room.
    inbound.post(endpoint, "{\"i\":5}", Map.of("X-Hub-Signature-256", "sha256=00"));
    inbound.post(endpoint, "{\"i\":6}", Map.of("X-Hub-Signature-256", "sha256=00"));
    await().atMost(Duration.ofSeconds(20)).until(() -> stats(tenant, endpoint).<Integer>path("dropped") == 2);
    Response page = api.as(tenant.adminToken()).queryParam("outcome", "refused").get("/v1/endpoints/" + endpoint
        + "/requests");
    assertThat(page.<List<String>>path("items.bodyPreviewBase64").stream()
        .map(b -> new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8)).toList())
        .containsExactly("{\"i\":6}", "{\"i\":5}", "{\"i\":4}", "{\"i\":3}", "{\"i\":2}");
    assertThat(stats(tenant, endpoint).<Integer>path("refused")).isEqualTo(5);
  }

  @Test
  void housekeepingRemovesRowsPastTheRetention() throws Exception {
    Api.TenantAccess tenant = relay.newTenant("old");
    String endpoint = endpoint(tenant);
    inbound.post(endpoint, "{\"old\":1}", Map.of("X-Hub-Signature-256", "sha256=00"));
    await().atMost(Duration.ofSeconds(20)).until(() -> stats(tenant, endpoint).<Integer>path("refused") == 1);
    relay.relay().pool().preparedQuery(
            "update request_log set received_at = received_at - interval '3 hours' where endpoint_id = $1")
        .execute(Tuple.of(endpoint)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    inbound.post(endpoint, "{\"new\":1}", Map.of("X-Hub-Signature-256", "sha256=00"));
    await().atMost(Duration.ofSeconds(20)).until(() -> api.as(tenant.adminToken())
        .get("/v1/endpoints/" + endpoint + "/requests").<List<Object>>path("items").size() == 2);

    HousekeepingStore.Purged purged = relay.relay().housekeepNow().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertThat(purged.requests()).isGreaterThanOrEqualTo(1);
    Response left = api.as(tenant.adminToken()).get("/v1/endpoints/" + endpoint + "/requests");
    assertThat(left.<List<String>>path("items.bodyPreviewBase64")).containsExactly(
        Base64.getEncoder().encodeToString("{\"new\":1}".getBytes(StandardCharsets.UTF_8)));
  }

  private static Response stats(Api.TenantAccess tenant, String endpoint) {
    return api.as(tenant.adminToken()).get("/v1/endpoints/" + endpoint + "/requests/stats");
  }

  private static String endpoint(Api.TenantAccess tenant) {
    return api.as(tenant.adminToken()).body(Map.of("name", RelayExtension.uniqueName("ep"), "verification",
        Map.of("scheme", "github", "secrets", List.of("s")))).post("/v1/endpoints").then().statusCode(201)
        .extract().path("id");
  }
}
