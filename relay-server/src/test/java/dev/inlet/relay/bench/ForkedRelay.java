package dev.inlet.relay.bench;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayProcess;
import dev.inlet.relay.testing.TestRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged relay forked ({@code java -jar target/inlet-relay.jar}) on a benchmark database, as an
 * operator runs it: its CPU time is its own process's, and its JIT starts cold.
 */
final class ForkedRelay implements AutoCloseable {
  private final RelayProcess process;

  private ForkedRelay(RelayProcess process) {
    this.process = process;
  }

  /** The tenant's queue {@code bench} and its hmac endpoint. */
  record Setup(String endpointId, String adminToken) {}

  static ForkedRelay start(Path dirs, String name, String databaseUrl) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of(
        "INLET_DATABASE_URL", databaseUrl,
        "INLET_OPERATOR_TOKEN", TestRelay.OPERATOR_TOKEN,
        "INLET_JWT_SECRET", TestRelay.JWT_SECRET,
        "INLET_SECRET_KEY", TestRelay.SECRET_KEY,
        "INLET_LOG_LEVEL", "warn"));
    return new ForkedRelay(RelayProcess.start(Files.createDirectories(dirs.resolve(name)), RelayProcess.freePort(),
        "bench-" + name, settings));
  }

  /** Creates the tenant, its queue {@code bench} and an hmac endpoint routed to it (once per database). */
  Setup setUp() {
    return setUp(api());
  }

  /** The benchmark's tenant, queue and endpoint, made through {@code api} (any relay, forked or not). */
  static Setup setUp(Api api) {
    Api.TenantAccess tenant = api.createTenant("bench");
    api.createQueue(tenant.adminToken(), "bench");
    String endpointId = api.as(tenant.adminToken()).body(Map.of(
            "name", "bench",
            "verification", Map.of("scheme", "hmac", "header", Payload.SIGNATURE_HEADER, "algorithm", "sha256",
                "encoding", "hex", "secrets", List.of(Payload.SECRET)),
            "dedupe", Map.of("header", Payload.EVENT_ID_HEADER),
            "routes", List.of(Map.of("queue", "bench"))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
    return new Setup(endpointId, tenant.adminToken());
  }

  /** Empties the queue: a phase's leftovers must not be what the next one's consumer sees. */
  void purge(Setup setup) {
    api().as(setup.adminToken()).delete("/v1/queues/bench/messages?state=ready").then().statusCode(200);
  }

  Api api() {
    return new Api(process::baseUrl);
  }

  int port() {
    return process.port();
  }

  String baseUrl() {
    return process.baseUrl();
  }

  long pid() {
    return process.process().pid();
  }

  @Override
  public void close() {
    process.close();
  }
}
