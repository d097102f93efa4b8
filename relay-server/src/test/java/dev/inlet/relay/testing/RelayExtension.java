package dev.inlet.relay.testing;

import dev.inlet.relay.app.Relay;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The whole relay in-process for a test class: real HTTP on 127.0.0.1 and a random port, real
 * PostgreSQL ({@link TestDatabase}), and the fixtures to drive it.
 *
 * <pre>{@code
 * @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
 * static final Api api = relay.api();
 * static final Api.TenantAccess acme = relay.newTenant("acme");
 *
 * @Test void anExpiredLeaseIsDeliveredAgain() {
 *   TestQueue queue = relay.newQueue(30);            // of relay.tenant(), fed by an endpoint
 *   queue.ingestJson("{}");
 *   ...
 *   queue.expireLeases();                            // no sleeping for it
 * }
 * @Test void aTestMayAskForATenantOfItsOwn(Api.TenantAccess tenant) { ... }
 * }</pre>
 *
 * {@link #shared()} is one relay per test JVM for every class content with the defaults; data stays
 * apart by tenancy, so each class (and each test that asks) gets tenants of its own.
 * {@link #withSettings} is a relay of the class's own, on a database of its own, closed after the
 * class. Either starts on first use (a static initializer may already use it).
 */
public final class RelayExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RelayExtension.class);
  private static TestRelay sharedRelay;

  private final Map<String, String> settings;
  private final boolean shared;
  private final Api api = new Api(this::baseUrl);
  private final Inbound inbound = new Inbound(this::baseUrl);
  private TestRelay own;
  private String databaseUrl;
  private Api.TenantAccess tenant;

  private RelayExtension(boolean shared, Map<String, String> settings) {
    this.shared = shared;
    this.settings = Map.copyOf(settings);
  }

  /** The relay of this test JVM, with the default settings. */
  public static RelayExtension shared() {
    return new RelayExtension(true, Map.of());
  }

  /** A relay of the class's own with these {@code INLET_*} settings (none: only to restart it). */
  public static RelayExtension withSettings(Map<String, String> settings) {
    return new RelayExtension(false, settings);
  }

  /** A name no other tenant (queue, endpoint) of this test JVM has: {@code prefix-<n>}. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  /** The running relay: its pool, its URLs, {@code housekeepNow()}, … */
  public Relay relay() {
    return testRelay().relay();
  }

  public int port() {
    return testRelay().port();
  }

  private synchronized TestRelay testRelay() {
    if (shared) {
      return sharedRelay();
    }
    if (own == null) {
      databaseUrl = TestDatabase.get().newDatabase();
      own = TestRelay.start(databaseUrl, settings);
    }
    return own;
  }

  public String baseUrl() {
    return testRelay().baseUrl();
  }

  /** What the relay puts in the URLs it hands out (ack URLs, inbound URLs). */
  public String publicUrl() {
    return relay().publicUrl();
  }

  /** A URL the relay handed out (a settle link), relative to it. */
  public String path(String url) {
    return url.substring(publicUrl().length());
  }

  public Api api() {
    return api;
  }

  public Inbound inbound() {
    return inbound;
  }

  public RelayDatabase database() {
    return new RelayDatabase(relay().databaseUrl());
  }

  /** A tenant just created by the operator, named {@code prefix-<n>}. */
  public Api.TenantAccess newTenant(String prefix) {
    return api.createTenant(uniqueName(prefix));
  }

  /** This extension's (so this class's) own tenant, created on first use. */
  public synchronized Api.TenantAccess tenant() {
    if (tenant == null) {
      tenant = newTenant("tenant");
    }
    return tenant;
  }

  public String adminToken() {
    return tenant().adminToken();
  }

  /** A token of {@link #tenant()} with these scopes. */
  public String mintToken(List<String> scopes) {
    return api.mintToken(adminToken(), scopes);
  }

  /** A queue of {@link #tenant()} with this lease, fed by an endpoint of its own. */
  public TestQueue newQueue(int leaseSeconds) {
    return newQueue(tenant(), Map.of("leaseSeconds", leaseSeconds));
  }

  /** A queue of {@code owner} with these settings ({@code leaseSeconds}, {@code maxAttempts}, …), fed by an endpoint. */
  public TestQueue newQueue(Api.TenantAccess owner, Map<String, Object> queueSettings) {
    String name = uniqueName("q");
    Map<String, Object> body = new HashMap<>(queueSettings);
    body.put("name", name);
    api.createQueue(owner.adminToken(), body);
    return new TestQueue(name, api.createEndpoint(owner.adminToken(), "ep-" + name, name), owner, this);
  }

  /** Another relay node on the same database (the caller closes it). */
  public TestRelay startNode() {
    return TestRelay.start(relay().databaseUrl());
  }

  /** Another relay node on the same database, with {@code settings} (the caller closes it). */
  public TestRelay startNode(Map<String, String> settings) {
    return TestRelay.start(relay().databaseUrl(), settings);
  }

  /** Stops a relay of the class's own (its database stays), for {@link #startAgain()}. */
  public synchronized void stop() {
    requireOwn();
    own.close();
  }

  /** Starts a stopped relay of the class's own again, on its database and its port. */
  public synchronized void startAgain() {
    requireOwn();
    Map<String, String> again = new HashMap<>(settings);
    again.put("INLET_HTTP_PORT", Integer.toString(own.port()));
    own = TestRelay.start(databaseUrl, again);
  }

  public void restart() {
    stop();
    startAgain();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (shared) {
      // Closed once the whole run is over, after the last class that used it.
      context.getRoot().getStore(NAMESPACE).computeIfAbsent(SharedRelayCloser.class, k -> new SharedRelayCloser(),
          SharedRelayCloser.class);
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (own != null) {
      own.close();
      own = null;
    }
    tenant = null;
  }

  /** A parameter {@code Api.TenantAccess}: a tenant of the test's own. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Api.TenantAccess.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return newTenant("test");
  }

  private void requireOwn() {
    if (shared || own == null) {
      throw new IllegalStateException("only a started relay of the class's own (withSettings) stops and starts");
    }
  }

  private static synchronized TestRelay sharedRelay() {
    if (sharedRelay == null) {
      sharedRelay = TestRelay.start(Map.of());
    }
    return sharedRelay;
  }

  /** Closes the JVM's shared relay when JUnit closes the root store. */
  private static final class SharedRelayCloser implements AutoCloseable {
    @Override
    public void close() {
      synchronized (RelayExtension.class) {
        if (sharedRelay != null) {
          sharedRelay.close();
          sharedRelay = null;
        }
      }
    }
  }
}
