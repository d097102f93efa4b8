package dev.inlet.relay.app;

import dev.inlet.relay.auth.SigningKeys;
import dev.inlet.relay.secret.SecretKeys;
import dev.inlet.relay.health.Lifecycle;
import dev.inlet.relay.housekeeping.Housekeeping;
import dev.inlet.relay.cluster.ClusterChanges;
import dev.inlet.relay.cluster.NodeListener;
import dev.inlet.relay.queue.QueueSignals;
import dev.inlet.relay.store.ChangeStore;
import dev.inlet.relay.store.HousekeepingStore;
import dev.inlet.relay.store.Database;
import dev.inlet.relay.store.TenantStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.vertx.micrometer.Label;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running relay: database (embedded or external), migrations, Vert.x, the HTTP API. Start and close
 * block the calling thread, which is never an event loop.
 */
public final class Relay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Relay.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  /**
   * How long a stop keeps serving, every answer saying {@code Connection: close}, before the servers
   * shut down. Shutting down closes the keep-alive connections that look idle, and under load many
   * are idle only between an answer and the client's next request: that request could be read just
   * as its connection closes, and go unanswered. Within this time each busy client gets one answer
   * that tells it to go, and its connection closes after that answer.
   */
  static final long CLOSE_NOTICE_MILLIS = 250;

  private final RelayConfig config;
  private final EmbeddedDatabase embedded;
  private final Vertx vertx;
  private final Pool pool;
  private final String databaseUrl;
  private final int port;
  private final String operatorToken;
  private final Optional<FirstStart> firstStart;
  private final NodeListener notifications;
  private final Housekeeping housekeeping;
  private final Serving serving;
  private final Supplier<Future<Void>> stopBackground;

  /** What serves HTTP, and what a stop drains. */
  private record Serving(List<HttpVerticle> http, QueueSignals signals, Lifecycle lifecycle) {}

  /** What the first start of an embedded relay made and shows once. */
  public record FirstStart(String operatorToken, boolean operatorTokenFromEnvironment, String tenantAdminToken) {}

  private Relay(RelayConfig config, EmbeddedDatabase embedded, Vertx vertx, Pool pool, String databaseUrl, int port,
      String operatorToken, Optional<FirstStart> firstStart, NodeListener notifications,
      Housekeeping housekeeping, Serving serving, Supplier<Future<Void>> stopBackground) {
    this.serving = serving;
    this.stopBackground = stopBackground;
    this.config = config;
    this.embedded = embedded;
    this.vertx = vertx;
    this.pool = pool;
    this.databaseUrl = databaseUrl;
    this.port = port;
    this.operatorToken = operatorToken;
    this.firstStart = firstStart;
    this.notifications = notifications;
    this.housekeeping = housekeeping;
  }

  public static Relay start(RelayConfig config) throws Exception {
    EmbeddedDatabase embedded = null;
    Vertx vertx = null;
    try {
      String databaseUrl = config.databaseUrl();
      if (config.embeddedDatabase()) {
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        try {
          embedded = EmbeddedDatabase.start(config.dataDir().resolve("postgres"));
        } catch (Exception | Error e) {
          lock.close();
          throw e;
        }
        embedded.releaseAfterClose(lock);
        databaseUrl = embedded.url();
      }
      Database database = Database.fromUrl(databaseUrl);
      database.migrate();
      OperatorToken operator = OperatorToken.resolve(config.operatorToken(), config.dataDir());

      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      // Each pool (and the LISTEN connection) is a net client of its own, and a pool's connections
      // are SQL clients of their own: each would register these two gauges under the same id, so
      // only the first would count and the rest be dropped with a WARN at start. vertx_pool_in_use
      // and vertx_pool_queue_pending (per pool) say the same, correctly.
      // Likewise each HTTP server instance (INLET_HTTP_INSTANCES) registers its active-connection and
      // active-request gauges under one id, and the event bus its handler and pending gauges once per
      // address consumed (queue waiters come and go): the first registration would pass for all.
      registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("vertx.net.client.active.connections")
          || id.getName().equals("vertx.sql.processing.pending")
          || id.getType() == Meter.Type.GAUGE
              && (id.getName().startsWith("vertx.http.server.active") || id.getName().startsWith("vertx.net.server.active")
                  || id.getName().startsWith("vertx.eventbus."))));
      vertx = newVertx(registry);
      Pools pools = Pools.open(database, vertx, config);
      Pool pool = pools.admin();
      Vertx v = vertx;
      AtomicReference<Integer> boundPort = new AtomicReference<>();
      TenantStore tenantStore = new TenantStore();
      QueueSignals signals = new QueueSignals(vertx);
      Lifecycle lifecycle = new Lifecycle();
      List<HttpVerticle> http = new CopyOnWriteArrayList<>();
      AtomicReference<NodeListener> notifications = new AtomicReference<>();
      ClusterChanges changes = new ClusterChanges(pool, new ChangeStore());
      SecretKeys secretKeys = SecretKeyFile.resolve(config);
      AtomicReference<Wiring> wired = new AtomicReference<>();
      Future<Optional<FirstStart>> started = SigningKeys.load(pool, tenantStore, config.jwtSecret(), secretKeys)
          .compose(secret -> NodeListener.start(v, listenOptions(config, database), signals::signal, changes, registry)
              .onSuccess(notifications::set).map(secret))
          .map(secret -> new Wiring(v, config, pools, registry, signals, lifecycle, secret, secretKeys,
              operator.value(), tenantStore, changes, () -> config.publicUrlFor(boundPort.get())))
          .compose(wiring -> sealStoredSecrets(wiring, secretKeys).map(wiring))
          .onSuccess(wired::set)
          .compose(wiring -> deployHttp(v, config, wiring, http).onSuccess(boundPort::set)
              .compose(port -> config.bootstrapDefaultTenant()
                  ? DefaultTenant.createOnce(pool, tenantStore, wiring.tenants())
                  : Future.succeededFuture(Optional.<String>empty())))
          .map(adminToken -> adminToken.map(token -> new FirstStart(operator.value(), config.operatorToken() != null,
              token)));
      Optional<FirstStart> firstStart = started.toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      log.info("Inlet relay listening on {}:{} ({} database)", config.httpHost(), boundPort.get(),
          config.embeddedDatabase() ? "embedded" : "external");
      return new Relay(config, embedded, vertx, pool, databaseUrl, boundPort.get(), operator.value(), firstStart,
          notifications.get(), new Housekeeping(vertx, pool,
              new HousekeepingStore(config.requestLog().retentionHours() * 3600), config.housekeepingIntervalMillis(),
              registry), new Serving(http, signals, lifecycle), wired.get()::stopBackground);
    } catch (Exception | Error e) {
      closeQuietly(vertx, embedded);
      throw e;
    }
  }

  /**
   * LISTEN needs a session of its own: behind PgBouncer in transaction mode, INLET_DATABASE_LISTEN_URL
   * names a direct (or session-mode) connection for it; the pools keep INLET_DATABASE_URL.
   */
  private static PgConnectOptions listenOptions(RelayConfig config, Database database) {
    return config.listenDatabaseUrl() == null ? database.connectOptions()
        : Database.fromUrl(config.listenDatabaseUrl()).connectOptions();
  }

  /** Secrets stored in plaintext or under a previous key are sealed under the current key. */
  private static Future<Void> sealStoredSecrets(Wiring wiring, SecretKeys keys) {
    return wiring.endpoints().resealAll().map(report -> {
      if (report.resealed() > 0) {
        log.info("Sealed the secrets of {} endpoint(s) under secret key {}", report.resealed(), keys.currentKeyId());
      }
      if (report.unreadable() > 0) {
        log.error("{} endpoint(s) have secrets that no configured key opens: they answer 503 until the key that"
            + " sealed them is in INLET_SECRET_KEYS_PREVIOUS", report.unreadable());
      } else if (!keys.previousKeyIds().isEmpty()) {
        log.info("Every stored secret is sealed under key {}: INLET_SECRET_KEYS_PREVIOUS ({}) can be removed",
            keys.currentKeyId(), String.join(", ", keys.previousKeyIds()));
      }
      return null;
    });
  }

  private static Vertx newVertx(PrometheusMeterRegistry registry) {
    return Vertx.builder()
        // namespace: each pool's SQL meters (vertx_sql_*) carry its name; without it they would all
        // register under one id, and only the first pool would be counted.
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .addLabels(Label.NAMESPACE)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** One HTTP verticle per event loop; Vert.x shares the listening port among them (port 0 too). The port bound. */
  private static Future<Integer> deployHttp(Vertx vertx, RelayConfig config, Wiring wiring,
      List<HttpVerticle> instances) {
    HttpServerOptions http = new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort())
        .setIdleTimeout(config.httpIdleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
        // Cleartext HTTP/2 only when asked for: behind most load balancers it is never needed.
        .setHttp2ClearTextEnabled(config.http2ClearText());
    return vertx.deployVerticle(() -> {
          HttpVerticle instance = new HttpVerticle(wiring, http);
          instances.add(instance);
          return instance;
        }, new DeploymentOptions().setInstances(config.httpInstances()))
        .map(id -> instances.get(0).actualPort());
  }

  public int port() {
    return port;
  }

  public String publicUrl() {
    return config.publicUrlFor(port);
  }

  public String operatorToken() {
    return operatorToken;
  }

  /** Present only on the start that created the default tenant. */
  public Optional<FirstStart> firstStart() {
    return firstStart;
  }

  public Pool pool() {
    return pool;
  }

  /** The database in use: the configured one, or the embedded server's. */
  public String databaseUrl() {
    return databaseUrl;
  }

  /** Requests read and not yet answered (or cut off) on this node: what a stop waits for. */
  public int requestsInFlight() {
    return serving.lifecycle().inFlight();
  }

  /** Runs the clean-up now rather than at its next tick (operators' tools and tests). */
  public Future<HousekeepingStore.Purged> housekeepNow() {
    return housekeeping.runNow();
  }

  /**
   * A graceful stop, bounded by {@code INLET_SHUTDOWN_TIMEOUT_SECONDS}: {@code /readyz} answers 503
   * at once; long polls answer 204 and streams end, giving their leases back; the servers stop
   * accepting connections and every request already read is answered (its event committed first, or
   * a 503); then the pools close and the embedded PostgreSQL stops.
   */
  @Override
  public void close() {
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(config.shutdownTimeoutSeconds());
    if (!serving.lifecycle().beginDrain()) {
      return;
    }
    log.info("Stopping: draining {} request(s) in flight", serving.lifecycle().inFlight());
    long cutOffBefore = serving.lifecycle().cutOff();
    serving.signals().drain();
    giveNoticeToClose(deadline);
    drainHttp(deadline);
    awaitExchangesEnded();
    log.info("HTTP drained in {} ms: {} request(s) unanswered, {} connection(s) closed before their answer",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), serving.lifecycle().inFlight(),
        serving.lifecycle().cutOff() - cutOffBefore);
    housekeeping.stop();
    try {
      // Buffered request log rows and rate counts are written before the pools close.
      stopBackground.get().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Background work did not stop cleanly: {}", e.toString());
    }
    // The LISTEN connection goes first, or it keeps reconnecting to a database that is going away.
    try {
      notifications.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("LISTEN connection did not close cleanly: {}", e.toString());
    }
    closeQuietly(vertx, embedded);
    log.info("Stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * A server's shutdown completes as its connections close; the end of each exchange is counted
   * on its event loop a moment later. Wait for those counts (briefly) before reporting them.
   */
  private void awaitExchangesEnded() {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (serving.lifecycle().inFlight() > 0 && System.nanoTime() < until) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Every server stops accepting and waits for its open requests, until the deadline (a fifth is kept for closing). */
  private static void giveNoticeToClose(long deadline) {
    long notice = Math.min(CLOSE_NOTICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) / 5);
    try {
      Thread.sleep(Math.max(0, notice));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drainHttp(long deadline) {
    long budgetMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) * 4 / 5);
    List<Future<Void>> shutdowns = serving.http().stream().map(server -> server.shutdown(budgetMillis)).toList();
    try {
      Future.join(shutdowns).toCompletionStage().toCompletableFuture()
          .get(budgetMillis + 1_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("HTTP servers did not drain within {} ms: {}", budgetMillis, e.toString());
    }
  }

  /** Vert.x first (its connections go), then the database it was talking to. */
  private static void closeQuietly(Vertx vertx, EmbeddedDatabase embedded) {
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Vert.x did not close cleanly: {}", e.toString());
      }
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (Exception e) {
        log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
      }
    }
  }
}
