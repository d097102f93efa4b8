package dev.inlet.relay;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiErrorsTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();

  @Test
  void healthAndReadinessAnswerWithoutAToken() {
    api.anonymous().get("/healthz").then().statusCode(200);
    Response ready = api.anonymous().get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.<String>path("status")).isEqualTo("ready");
  }

  @Test
  void metricsExposeHttpServerRequestsInPrometheusFormat() {
    api.anonymous().get("/healthz").then().statusCode(200);
    Response metrics = api.anonymous().get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.asString()).contains("vertx_http_server_requests_total");
  }

  @Test
  void unknownRouteIsANotFoundProblem() {
    assertProblem(api.anonymous().get("/no/such/thing"), 404, "not-found");
  }

  @Test
  void wrongMethodIsAMethodNotAllowedProblem() {
    assertProblem(api.anonymous().delete("/healthz"), 405, "method-not-allowed");
  }

  @Test
  void malformedJsonIsAValidationProblemAndCreatesNothing(Api.TenantAccess tenant) {
    Response response = api.as(tenant.adminToken()).body("{\"name\": ").post("/v1/queues");
    assertProblem(response, 400, "validation");
    assertThat(api.as(tenant.adminToken()).get("/v1/queues").<java.util.List<?>>path("items")).isEmpty();
  }

  @Test
  void oversizeAdminBodyIsAPayloadTooLargeProblem(Api.TenantAccess tenant) {
    String huge = "{\"name\": \"" + "a".repeat(300 * 1024) + "\"}";
    assertProblem(api.as(tenant.adminToken()).body(huge).post("/v1/queues"), 413, "payload-too-large");
  }
}
