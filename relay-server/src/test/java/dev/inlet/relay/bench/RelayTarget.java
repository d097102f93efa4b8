package dev.inlet.relay.bench;

import dev.inlet.relay.app.RelayConfig;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.TestRelay;
import java.util.HashMap;
import java.util.Map;

/** A relay in-process on 127.0.0.1 with one tenant, one queue and one hmac endpoint routed to it. */
final class RelayTarget implements AutoCloseable {
  private final TestRelay relay;
  private final String endpointId;
  private final String adminToken;

  private RelayTarget(TestRelay relay, String endpointId, String adminToken) {
    this.relay = relay;
    this.endpointId = endpointId;
    this.adminToken = adminToken;
  }

  /** {@code settings} on top of the relay's own defaults (TestRelay's smaller pool is undone). */
  static RelayTarget start(String databaseUrl, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    // Settings to try come from the environment (INLET_INGEST_*, INLET_VERIFY_*, INLET_HTTP_INSTANCES, pool sizes);
    // a phase's own settings (group commit off) win over them.
    System.getenv().forEach((key, value) -> {
      if (key.startsWith("INLET_INGEST_") || key.startsWith("INLET_VERIFY_") || key.equals("INLET_HTTP_INSTANCES")
          || key.endsWith("_POOL_SIZE")) {
        env.put(key, value);
      }
    });
    env.putAll(settings);
    env.putIfAbsent("INLET_DATABASE_POOL_SIZE", String.valueOf(RelayConfig.DEFAULT_DATABASE_POOL_SIZE));
    TestRelay relay = TestRelay.start(databaseUrl, env);
    try {
      ForkedRelay.Setup setup = ForkedRelay.setUp(new Api(relay));
      return new RelayTarget(relay, setup.endpointId(), setup.adminToken());
    } catch (RuntimeException | Error e) {
      relay.close();
      throw e;
    }
  }

  int port() {
    return relay.port();
  }

  String endpointId() {
    return endpointId;
  }

  /** The tenant's admin token, which may also consume the queue {@code bench}. */
  String adminToken() {
    return adminToken;
  }

  @Override
  public void close() {
    relay.close();
  }
}
