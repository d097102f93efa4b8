package dev.inlet.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inlet.relay.app.Relay;
import dev.inlet.relay.app.RelayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real relay in-process on 127.0.0.1 (embedded PostgreSQL in its data dir), with the fixtures the
 * SDK tests need: a tenant, queues, an endpoint, ingest. {@link #shared()} is one relay for the
 * whole test JVM; each test uses queues of its own.
 */
final class LocalRelay implements AutoCloseable {
  static final String OPERATOR_TOKEN = "sdk-test-operator-token-0123456789";
  static final String JWT_SECRET = "sdk-test-jwt-secret-0123456789abcdef0123";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static LocalRelay shared;

  private final Path dataDir;
  private final int port;
  private Relay relay;
  private String adminToken;

  private LocalRelay(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
    this.relay = startRelay(dataDir, port);
  }

  /** One relay for the test JVM, closed when the JVM exits. */
  static synchronized LocalRelay shared() {
    if (shared == null) {
      shared = new LocalRelay(tempDir(), 0);
      LocalRelay closing = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(closing::close));
    }
    return shared;
  }

  /** A relay of the caller's own on a fixed free port, so that it can be restarted in place. */
  static LocalRelay restartable() {
    return new LocalRelay(tempDir(), freePort());
  }

  /** Stops and starts the relay on the same data dir and port. */
  void restart() {
    relay.close();
    relay = startRelay(dataDir, relay.port());
  }

  void stop() {
    relay.close();
  }

  void startAgain() {
    relay = startRelay(dataDir, port == 0 ? relay.port() : port);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + relay.port();
  }

  /** A client for this relay with the tenant's admin token. */
  InletClient client() {
    return InletClient.builder().baseUrl(baseUrl()).token(adminToken()).build();
  }

  synchronized String adminToken() {
    if (adminToken == null) {
      JsonNode tenant = call("POST", "/v1/tenants", OPERATOR_TOKEN, Map.of("name", "sdk-tests"));
      adminToken = tenant.path("adminToken").asText();
    }
    return adminToken;
  }

  /** A fresh queue (unique name) routed from a fresh endpoint. */
  TestQueue newQueue(int leaseSeconds) {
    String name = "q" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    call("POST", "/v1/queues", adminToken(), Map.of("name", name, "leaseSeconds", leaseSeconds, "maxAttempts", 20));
    JsonNode endpoint = call("POST", "/v1/endpoints", adminToken(), Map.of("name", "ep-" + name,
        "verification", Map.of("scheme", "none"), "routes", List.of(Map.of("queue", name))));
    return new TestQueue(name, endpoint.path("id").asText());
  }

  /** A queue and the endpoint that feeds it. */
  final class TestQueue {
    final String name;
    final String endpointId;

    TestQueue(String name, String endpointId) {
      this.name = name;
      this.endpointId = endpointId;
    }

    /** POSTs {@code body} to the endpoint as a provider would; returns the event id. */
    String ingest(String contentType, byte[] body, String... headers) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/in/" + endpointId))
          .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      HttpResponse<String> response = send(request.build());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
      }
      return read(response.body()).path("eventId").asText();
    }

    String ingestJson(String json) {
      return ingest("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The queue's stats: ready, leased, dead, … */
    JsonNode stats() {
      return call("GET", "/v1/queues/" + name, adminToken(), null).path("stats");
    }
  }

  JsonNode call(String method, String path, String token, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      HttpResponse<String> response = send(request.build());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return read(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the relay and deletes its data dir (embedded PostgreSQL is ~40 MB). */
  @Override
  public void close() {
    relay.close();
    try (java.util.stream.Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a leftover temp dir is not worth failing a test for
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String body) {
    try {
      return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Relay startRelay(Path dataDir, int port) {
    try {
      return Relay.start(RelayConfig.fromEnvironment(Map.of(
          "INLET_HTTP_HOST", "127.0.0.1",
          "INLET_HTTP_PORT", String.valueOf(port),
          "INLET_DATA_DIR", dataDir.toString(),
          "INLET_OPERATOR_TOKEN", OPERATOR_TOKEN,
          "INLET_JWT_SECRET", JWT_SECRET,
          "INLET_HTTP_INSTANCES", "1")));
    } catch (Exception e) {
      throw new IllegalStateException("relay did not start", e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("inlet-sdk-relay");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
