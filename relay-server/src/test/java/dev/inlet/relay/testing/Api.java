package dev.inlet.relay.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** REST Assured fixtures for one relay: tenants, queues, endpoints, tokens. */
public final class Api {
  private final Supplier<String> baseUrl;

  public Api(TestRelay relay) {
    this(relay::baseUrl);
  }

  /** Against whatever {@code baseUrl} answers at each request (a relay restarted in place, say). */
  public Api(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A tenant just created by the operator. */
  public record TenantAccess(String id, String name, String adminToken) {}

  public RequestSpecification anonymous() {
    return given().baseUri(baseUrl.get()).contentType(ContentType.JSON);
  }

  public RequestSpecification as(String token) {
    return anonymous().header("Authorization", "Bearer " + token);
  }

  public RequestSpecification asOperator() {
    return as(TestRelay.OPERATOR_TOKEN);
  }

  public TenantAccess createTenant(String name) {
    Response response = asOperator().body(Map.of("name", name)).post("/v1/tenants");
    response.then().statusCode(201);
    return new TenantAccess(response.path("id"), name, response.path("adminToken"));
  }

  public void createQueue(String token, String name) {
    as(token).body(Map.of("name", name)).post("/v1/queues").then().statusCode(201);
  }

  /** An endpoint with scheme {@code none} routed to {@code queues}; its id. */
  public String createEndpoint(String token, String name, String... queues) {
    List<Map<String, String>> routes = java.util.Arrays.stream(queues).map(q -> Map.of("queue", q)).toList();
    Response response = as(token)
        .body(Map.of("name", name, "verification", Map.of("scheme", "none"), "routes", routes))
        .post("/v1/endpoints");
    response.then().statusCode(201);
    return response.path("id");
  }

  public String mintToken(String adminToken, List<String> scopes) {
    Response response = as(adminToken).body(Map.of("scopes", scopes)).post("/v1/tokens");
    response.then().statusCode(201);
    return response.path("token");
  }
}
