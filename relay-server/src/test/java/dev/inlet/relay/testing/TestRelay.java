package dev.inlet.relay.testing;

import dev.inlet.relay.app.Relay;
import dev.inlet.relay.app.RelayConfig;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** A relay started in-process on 127.0.0.1 and a random port, on its own fresh database. */
public final class TestRelay implements AutoCloseable {
  public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";
  /** Known to tests so that they can sign tokens of their own (expired, unknown jti, …). */
  public static final String JWT_SECRET = "test-jwt-secret-0123456789abcdef0123456789";
  /** Seals secrets at rest; every node of a test's database uses the same one, as in production. */
  public static final String SECRET_KEY = "dGVzdC1zZWNyZXQta2V5LTAxMjM0NTY3ODlhYmNkZWY=";

  private final Relay relay;

  private TestRelay(Relay relay) {
    this.relay = relay;
  }

  public static TestRelay start() {
    return start(TestDatabase.get().newDatabase());
  }

  /** A relay on a fresh database with some {@code INLET_*} settings of the test's own. */
  public static TestRelay start(Map<String, String> settings) {
    return start(TestDatabase.get().newDatabase(), settings);
  }

  /** Another relay node on the same database as {@code databaseUrl}. */
  public static TestRelay start(String databaseUrl) {
    return start(databaseUrl, Map.of());
  }

  /** A relay on {@code databaseUrl} with some {@code INLET_*} settings of the test's own. */
  public static TestRelay start(String databaseUrl, Map<String, String> settings) {
    try {
      Map<String, String> env = new HashMap<>(Map.of(
              "INLET_HTTP_HOST", "127.0.0.1",
              "INLET_HTTP_PORT", "0",
              "INLET_DATABASE_URL", databaseUrl,
              "INLET_DATA_DIR", Files.createTempDirectory("inlet-relay-test").toString(),
              "INLET_OPERATOR_TOKEN", OPERATOR_TOKEN,
              "INLET_JWT_SECRET", JWT_SECRET,
              "INLET_SECRET_KEY", SECRET_KEY,
              "INLET_DATABASE_POOL_SIZE", "4"));
      env.putAll(settings);
      return new TestRelay(Relay.start(RelayConfig.fromEnvironment(env)));
    } catch (Exception e) {
      throw new IllegalStateException("relay did not start", e);
    }
  }

  public int port() {
    return relay.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + relay.port();
  }

  public Relay relay() {
    return relay;
  }

  @Override
  public void close() {
    relay.close();
  }
}
