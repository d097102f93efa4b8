package dev.inlet.relay.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fixtures for one relay: requests to drive it with REST Assured, and set-up calls (tenants, queues,
 * endpoints, tokens). The set-up calls go over the JDK's client: a test JVM that only sets up (the
 * SDK's) never pays for starting REST Assured and Groovy.
 */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
    JsonNode created = call("POST", "/v1/tenants", TestRelay.OPERATOR_TOKEN, Map.of("name", name), 201);
    return new TenantAccess(created.path("id").asText(), name, created.path("adminToken").asText());
  }

  public void createQueue(String token, String name) {
    createQueue(token, Map.of("name", name));
  }

  /** A queue as {@code spec} says ({@code name}, {@code leaseSeconds}, …). */
  public void createQueue(String token, Map<String, ?> spec) {
    call("POST", "/v1/queues", token, spec, 201);
  }

  /** An endpoint with scheme {@code none} routed to {@code queues}; its id. */
  public String createEndpoint(String token, String name, String... queues) {
    List<Map<String, String>> routes = java.util.Arrays.stream(queues).map(q -> Map.of("queue", q)).toList();
    return call("POST", "/v1/endpoints", token,
        Map.of("name", name, "verification", Map.of("scheme", "none"), "routes", routes), 201).path("id").asText();
  }

  public String mintToken(String adminToken, List<String> scopes) {
    return call("POST", "/v1/tokens", adminToken, Map.of("scopes", scopes), 201).path("token").asText();
  }

  /** {@code GET path} as {@code token}, which must answer 200; its JSON. */
  public JsonNode read(String token, String path) {
    return call("GET", path, token, null, 200);
  }

  private JsonNode call(String method, String path, String token, Object body, int expectedStatus) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not "
            + expectedStatus + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
