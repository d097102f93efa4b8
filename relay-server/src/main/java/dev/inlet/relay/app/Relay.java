package dev.inlet.relay.app;

import dev.inlet.relay.auth.SigningKeys;
import dev.inlet.relay.auth.TokenService;
import dev.inlet.relay.endpoint.EndpointService;
import dev.inlet.relay.housekeeping.Housekeeping;
import dev.inlet.relay.http.ApiRouter;
import dev.inlet.relay.ingest.EndpointDirectory;
import dev.inlet.relay.ingest.IngestMetrics;
import dev.inlet.relay.ingest.Ingestor;
import dev.inlet.relay.ingest.TenantRateLimiter;
import dev.inlet.relay.queue.InspectService;
import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.queue.QueueDirectory;
import dev.inlet.relay.queue.QueueMetrics;
import dev.inlet.relay.queue.QueueNotifications;
import dev.inlet.relay.queue.QueueService;
import dev.inlet.relay.queue.SettleService;
import dev.inlet.relay.store.MessageStore;
import dev.inlet.relay.queue.QueueSignals;
import dev.inlet.relay.store.EventStore;
import dev.inlet.relay.store.HousekeepingStore;
import dev.inlet.relay.store.IngestStore;
import dev.inlet.relay.store.Database;
import dev.inlet.relay.store.EndpointStore;
import dev.inlet.relay.store.QueueStore;
import dev.inlet.relay.store.TenantStore;
import dev.inlet.relay.store.TokenStore;
import dev.inlet.relay.tenant.TenantService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running relay: database (embedded or external), migrations, Vert.x, the HTTP API. Start and close
 * block the calling thread, which is never an event loop.
 */
public final class Relay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Relay.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final RelayConfig config;
  private final EmbeddedDatabase embedded;
  private final Vertx vertx;
  private final Pool pool;
  private final String databaseUrl;
  private final int port;
  private final String operatorToken;
  private final Optional<FirstStart> firstStart;
  private final QueueNotifications notifications;
  private final Housekeeping housekeeping;

  /** What the first start of an embedded relay made and shows once. */
  public record FirstStart(String operatorToken, boolean operatorTokenFromEnvironment, String tenantAdminToken) {}

  private Relay(RelayConfig config, EmbeddedDatabase embedded, Vertx vertx, Pool pool, String databaseUrl, int port,
      String operatorToken, Optional<FirstStart> firstStart, QueueNotifications notifications,
      Housekeeping housekeeping) {
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
        embedded = EmbeddedDatabase.start(config.dataDir().resolve("postgres"));
        databaseUrl = embedded.url();
      }
      Database database = Database.fromUrl(databaseUrl);
      database.migrate();
      OperatorToken operator = OperatorToken.resolve(config.operatorToken(), config.dataDir());

      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      vertx = Vertx.builder()
          .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
              .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
          .withMetrics(new MicrometerMetricsFactory(registry))
          .build();
      Pool pool = database.pool(vertx, config.databasePoolSize());
      Pool consumePool = database.asyncCommitPool(vertx, config.databasePoolSize());
      Vertx v = vertx;
      AtomicReference<Integer> boundPort = new AtomicReference<>();
      TenantStore tenantStore = new TenantStore();
      QueueSignals signals = new QueueSignals(vertx);
      AtomicReference<QueueNotifications> notifications = new AtomicReference<>();
      Future<Optional<FirstStart>> started = SigningKeys.load(pool, tenantStore, config.jwtSecret())
          .compose(secret -> QueueNotifications.start(v, database.connectOptions(), signals)
              .onSuccess(notifications::set).map(secret))
          .compose(secret -> {
        TokenStore tokenStore = new TokenStore();
        QueueStore queueStore = new QueueStore();
        TokenService tokens = new TokenService(v, secret, operator.value(), pool, tokenStore);
        TenantService tenants = new TenantService(pool, tenantStore, tokens);
        IngestStore ingestStore = new IngestStore();
        IngestMetrics ingestMetrics = new IngestMetrics(registry);
        QueueMetrics queueMetrics = new QueueMetrics(registry);
        MessageStore messageStore = new MessageStore();
        QueueDirectory queueDirectory = new QueueDirectory(consumePool, queueStore);
        ApiRouter.Services services = new ApiRouter.Services(pool, registry, tokens, tokenStore, tenants,
            new QueueService(pool, queueStore, queueDirectory), new EndpointService(pool, new EndpointStore(), queueStore),
            () -> config.publicUrlFor(boundPort.get()),
            new EndpointDirectory(pool, ingestStore, config.endpointCacheMillis()),
            new Ingestor(new TenantRateLimiter(), ingestMetrics), ingestMetrics, ingestStore, signals,
            config.ingestBatching(), new EventStore(),
            new LeaseService(v, consumePool, queueDirectory, messageStore, queueMetrics),
            new SettleService(consumePool, messageStore, signals, queueMetrics), queueMetrics,
            config.streamKeepaliveMillis(), new InspectService(consumePool, messageStore, signals));
        HttpServerOptions http = new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort());
        // One instance per event loop; Vert.x shares the listening port among them (port 0 too).
        List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
        return v.deployVerticle(() -> {
              HttpVerticle instance = new HttpVerticle(services, http);
              instances.add(instance);
              return instance;
            }, new DeploymentOptions().setInstances(config.httpInstances()))
            .onSuccess(id -> boundPort.set(instances.get(0).actualPort()))
            .compose(id -> config.bootstrapDefaultTenant()
                ? DefaultTenant.createOnce(pool, tenantStore, tenants)
                : Future.succeededFuture(Optional.<String>empty()))
            .map(adminToken -> adminToken.map(token -> new FirstStart(operator.value(), config.operatorToken() != null, token)));
      });
      Optional<FirstStart> firstStart = started.toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      log.info("Inlet relay listening on {}:{} ({} database)", config.httpHost(), boundPort.get(),
          config.embeddedDatabase() ? "embedded" : "external");
      return new Relay(config, embedded, vertx, pool, databaseUrl, boundPort.get(), operator.value(), firstStart,
          notifications.get(), new Housekeeping(vertx, pool, new HousekeepingStore(), config.housekeepingIntervalMillis(),
              registry));
    } catch (Exception | Error e) {
      closeQuietly(vertx, embedded);
      throw e;
    }
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

  /** Runs the clean-up now rather than at its next tick (operators' tools and tests). */
  public Future<HousekeepingStore.Purged> housekeepNow() {
    return housekeeping.runNow();
  }

  @Override
  public void close() {
    housekeeping.stop();
    // The LISTEN connection goes first, or it keeps reconnecting to a database that is going away.
    try {
      notifications.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("LISTEN connection did not close cleanly: {}", e.toString());
    }
    closeQuietly(vertx, embedded);
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
