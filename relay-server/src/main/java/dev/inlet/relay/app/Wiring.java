package dev.inlet.relay.app;

import dev.inlet.relay.auth.TokenService;
import dev.inlet.relay.cluster.ChangeKind;
import dev.inlet.relay.cluster.ClusterChanges;
import dev.inlet.relay.endpoint.EndpointSecrets;
import dev.inlet.relay.endpoint.EndpointService;
import dev.inlet.relay.event.EventService;
import dev.inlet.relay.health.Lifecycle;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.health.DatabaseUp;
import dev.inlet.relay.health.Readiness;
import dev.inlet.relay.http.Admission;
import dev.inlet.relay.http.ApiRouter;
import dev.inlet.relay.http.Authenticate;
import dev.inlet.relay.http.ConsoleRoutes;
import dev.inlet.relay.http.ConsumeRoutes;
import dev.inlet.relay.http.EndpointRoutes;
import dev.inlet.relay.http.EventRoutes;
import dev.inlet.relay.http.HistoryRoutes;
import dev.inlet.relay.http.InboundRoutes;
import dev.inlet.relay.http.InspectRoutes;
import dev.inlet.relay.http.MeRoutes;
import dev.inlet.relay.http.MessageRoutes;
import dev.inlet.relay.http.OpsRoutes;
import dev.inlet.relay.http.QueueRoutes;
import dev.inlet.relay.http.RequestRoutes;
import dev.inlet.relay.http.ReplayRoutes;
import dev.inlet.relay.http.RouteGroup;
import dev.inlet.relay.http.StreamRoutes;
import dev.inlet.relay.http.TenantRoutes;
import dev.inlet.relay.http.TokenRoutes;
import dev.inlet.relay.ingest.EndpointDirectory;
import dev.inlet.relay.ingest.GroupCommitter;
import dev.inlet.relay.ingest.InboundPipeline;
import dev.inlet.relay.ingest.IngestQuotas;
import dev.inlet.relay.ingest.IngestBudget;
import dev.inlet.relay.ingest.EndpointLabels;
import dev.inlet.relay.ingest.IngestMetrics;
import dev.inlet.relay.ingest.RequestLog;
import dev.inlet.relay.ingest.RequestLogService;
import dev.inlet.relay.ingest.SharedRateLimiter;
import dev.inlet.relay.ingest.TenantRateLimiter;
import dev.inlet.relay.ingest.VerifyFailureBudget;
import dev.inlet.relay.queue.ConsumerCaps;
import dev.inlet.relay.queue.ConsumerHolds;
import dev.inlet.relay.queue.InspectService;
import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.queue.MessageHistory;
import dev.inlet.relay.queue.QueueDirectory;
import dev.inlet.relay.queue.QueueGauges;
import dev.inlet.relay.queue.QueueLabels;
import dev.inlet.relay.queue.QueueMetrics;
import dev.inlet.relay.queue.AttemptRecorder;
import dev.inlet.relay.queue.QueueRateRecorder;
import dev.inlet.relay.queue.QueueWakeups;
import dev.inlet.relay.queue.QueueService;
import dev.inlet.relay.queue.QueueSignals;
import dev.inlet.relay.queue.SettleService;
import dev.inlet.relay.secret.SecretKeys;
import dev.inlet.relay.store.AttemptStore;
import dev.inlet.relay.store.BudgetStore;
import dev.inlet.relay.replay.ReplayService;
import dev.inlet.relay.replay.ReplayWorker;
import dev.inlet.relay.store.EndpointStore;
import dev.inlet.relay.store.EventStore;
import dev.inlet.relay.store.HealthStore;
import dev.inlet.relay.store.HoldStore;
import dev.inlet.relay.store.IngestStore;
import dev.inlet.relay.store.MessageStore;
import dev.inlet.relay.store.QueueStore;
import dev.inlet.relay.store.RateStore;
import dev.inlet.relay.store.RequestLogStore;
import dev.inlet.relay.store.ReplayStore;
import dev.inlet.relay.store.TenantStore;
import dev.inlet.relay.store.TokenStore;
import dev.inlet.relay.stream.Streams;
import dev.inlet.relay.tenant.QuotaGuard;
import dev.inlet.relay.tenant.TenantReaper;
import dev.inlet.relay.tenant.TenantService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the relay's object graph with plain constructors, in one place: stores, services, route
 * groups. Each kind of work has its own pool ({@link Pools}): ingest, admin, auth, and consumer state
 * (asynchronous commits, see {@code Database#asyncCommitPool}).
 */
final class Wiring {
  /** How often each node adds its queue in/out counts to the database. */
  private static final long RATES_FLUSH_MS = 5_000;
  /** How often each node checks that the database answers, for {@code inlet_database_up}. */
  private static final long DATABASE_CHECK_MS = 5_000;
  private final RelayConfig config;
  private final Pool ingestPool;
  private final QueueSignals signals;
  private final IngestMetrics ingestMetrics;
  private final IngestStore ingestStore = new IngestStore();
  private final TokenService tokens;
  private final TenantService tenants;
  private final InboundPipeline inbound;
  private final List<RouteGroup> routes;
  private final IngestBudget budget;
  private final Supplier<String> publicUrl;
  private final Lifecycle lifecycle;
  private final EndpointService endpoints;
  private final ReplayWorker replayWorker;
  private final TenantReaper tenantReaper;
  private final IngestQuotas ingestQuotas;
  private final ConsoleRoutes console = new ConsoleRoutes();
  private final RequestLog requestLog;
  private final QueueRateRecorder rates;
  private final DatabaseUp databaseUp;
  private final AttemptRecorder attempts;
  private final SharedRateLimiter rateLimiter;
  private final ConsumerHolds holds;

  Wiring(Vertx vertx, RelayConfig config, Pools pools, PrometheusMeterRegistry registry,
      QueueSignals signals, Lifecycle lifecycle, String signingSecret, SecretKeys secretKeys, String operatorToken,
      TenantStore tenantStore, ClusterChanges changes, Supplier<String> publicUrl) {
    this.lifecycle = lifecycle;
    this.config = config;
    this.ingestPool = pools.ingest();
    Pool pool = pools.admin();
    Pool consumePool = pools.consume();
    this.signals = signals;
    this.publicUrl = publicUrl;
    this.ingestMetrics = new IngestMetrics(registry, new EndpointLabels(config.metricsEndpointLabelsMax()));
    this.budget = new IngestBudget(config.ingestMaxPendingBytes(), registry);
    QueueStore queueStore = new QueueStore();
    AttemptStore attemptStore = new AttemptStore();
    attempts = new AttemptRecorder(vertx, pools.consume(), attemptStore, registry);
    MessageStore messageStore = new MessageStore(attempts);
    QueueLabels queueLabels = new QueueLabels(config.metricsQueueLabelsMax());
    QueueMetrics queueMetrics = new QueueMetrics(registry, queueLabels, signals.rates());
    new QueueGauges(vertx, pool, queueStore, registry, queueLabels, config.metricsQueueRefreshMillis());
    databaseUp = new DatabaseUp(vertx, pool, new HealthStore(), registry, DATABASE_CHECK_MS);
    rates = new QueueRateRecorder(vertx, pool, new RateStore(), signals.rates(), RATES_FLUSH_MS);

    tokens = new TokenService(vertx, signingSecret, operatorToken, pools.auth(), new TokenStore());
    EndpointSecrets endpointSecrets = new EndpointSecrets(secretKeys);
    EndpointDirectory directory = new EndpointDirectory(ingestPool, ingestStore, endpointSecrets,
        config.endpointCacheMillis());
    tenantReaper = new TenantReaper(vertx, pool, tenantStore, config.housekeepingIntervalMillis());
    // A tenant's status, rate and quotas are read with its endpoints: a change drops them from the cache,
    // here at once and on the other nodes by a change notice.
    tenants = new TenantService(pool, tenantStore, tokens, config.quotas(), id -> {
      directory.forgetTenant(id);
      changes.announce(ChangeKind.TENANT, id.value());
    }, tenantReaper::wake);
    QuotaGuard quotaGuard = new QuotaGuard(tenantStore, config.quotas());
    endpoints = new EndpointService(pool, new EndpointStore(), queueStore, endpointSecrets, quotaGuard, id -> {
      directory.invalidate(id);
      changes.announce(ChangeKind.ENDPOINT, id.value());
    });
    RequestLogStore requestLogStore = new RequestLogStore();
    // Refused requests are written off the ingest pool: a flood of them must not queue behind events.
    requestLog = new RequestLog(vertx, pool, requestLogStore, config.requestLog(), registry);
    ingestQuotas = new IngestQuotas(vertx, pool, tenantStore, config.quotas().maxBacklogPerQueue(),
        config.quotas().maxStoredBytes(), config.quotaCheckMillis());
    // Budget leases need no durable commit: one lost in a crash only lets a second be spent twice.
    rateLimiter = new SharedRateLimiter(vertx, consumePool, new BudgetStore(), new TenantRateLimiter(), registry);
    inbound = new InboundPipeline(vertx, directory, rateLimiter, ingestMetrics, Clock.systemUTC(),
        (endpoint, secret) -> endpoints.learnSecret(endpoint.tenantId(), endpoint.id(), secret),
        new VerifyFailureBudget(config.verifyFailuresPerSecond(), config.verifyFailureDelayMillis()), requestLog,
        ingestQuotas);
    QueueDirectory queueDirectory = new QueueDirectory(consumePool, queueStore, config.queueCacheMillis());
    LeaseService leases = new LeaseService(vertx, consumePool, queueDirectory, messageStore, queueMetrics, signals);
    // Nacks, releases and redrives wake the queue's consumers on the other nodes too.
    QueueWakeups wakeups = new QueueWakeups(vertx, pool, queueStore);
    SettleService settle = new SettleService(consumePool, pool, messageStore, signals, queueMetrics, wakeups);
    ConsumerCaps caps = new ConsumerCaps(config.streamLimits(), config.longPollLimits());
    // The caps count the other nodes' streams and long polls too, as those report them every second.
    holds = new ConsumerHolds(vertx, consumePool, new HoldStore(), caps);
    Streams streams = new Streams(vertx, leases, settle, queueMetrics, publicUrl, config.streamKeepaliveMillis(), caps,
        signals, config.deliveryMaxBytes());
    tokens.onRevoked(id -> {
      streams.revoked(id.value());
      changes.announce(ChangeKind.TOKEN, id.value());
    });
    listenForChanges(changes, directory, queueDirectory, streams);
    ReplayStore replayStore = new ReplayStore();
    replayWorker = new ReplayWorker(vertx, pool, replayStore, signals, config.replay());

    routes = List.of(
        new OpsRoutes(new Readiness(pool, new HealthStore(), lifecycle), registry),
        new TenantRoutes(tenants),
        new TokenRoutes(tokens),
        new MeRoutes(tenants),
        new EndpointRoutes(endpoints, publicUrl),
        // A deleted queue takes its routes along: cached endpoints must not fan out to it any more.
        new QueueRoutes(new QueueService(pool, queueStore, queueDirectory, signals, quotaGuard, queueId -> {
          directory.forgetRoutesTo(queueId);
          changes.announce(ChangeKind.ROUTES_TO_QUEUE, Long.toString(queueId));
        }, key -> changes.announce(ChangeKind.QUEUE, key), rates)),
        new EventRoutes(new EventService(pool, new EventStore(), endpoints, queueDirectory, attempts)),
        new RequestRoutes(new RequestLogService(pool, requestLogStore, endpoints, config.requestLog())),
        new ConsumeRoutes(leases, settle, publicUrl, caps, config.deliveryMaxBytes()),
        new MessageRoutes(settle),
        new HistoryRoutes(new MessageHistory(pool, attemptStore, attempts)),
        // Replay and purge change what is queued, not a consumer's progress: they commit durably.
        new InspectRoutes(leases, new InspectService(pool, messageStore, signals, wakeups)),
        new StreamRoutes(leases, streams, tokens),
        new ReplayRoutes(new ReplayService(pool, replayStore, queueStore, signals, replayWorker::wake)));
  }

  /**
   * What another node's change notice does here: the caches forget the row (this node's own notices
   * come back too, and forget what is already forgotten). After the LISTEN connection was down,
   * every cache starts afresh and every waiter looks at its queue once.
   */
  private void listenForChanges(ClusterChanges changes, EndpointDirectory directory, QueueDirectory queueDirectory,
      Streams streams) {
    changes.on(ChangeKind.ENDPOINT, id -> directory.invalidate(new EndpointId(id)));
    changes.on(ChangeKind.TENANT, id -> directory.forgetTenant(new TenantId(id)));
    changes.on(ChangeKind.QUEUE, queueDirectory::forget);
    changes.on(ChangeKind.ROUTES_TO_QUEUE, id -> directory.forgetRoutesTo(Long.parseLong(id)));
    changes.on(ChangeKind.TOKEN, streams::revoked);
    changes.onRelisten(() -> {
      directory.forgetAll();
      queueDirectory.forgetAll();
      signals.lookAgain();
    });
  }

  /** The background work of this node (replay jobs, tenant removal, quota checks), stopped before the pools close. */
  Future<Void> stopBackground() {
    replayWorker.stop();
    tenantReaper.stop();
    ingestQuotas.stop();
    rateLimiter.stop();
    databaseUp.stop();
    return Future.all(requestLog.close(), rates.stop(), attempts.close(), holds.stop()).mapEmpty();
  }

  TenantService tenants() {
    return tenants;
  }

  EndpointService endpoints() {
    return endpoints;
  }

  /** One HTTP verticle's router; its own group committer batches the requests of its event loop. */
  Future<Router> router(Vertx vertx) {
    GroupCommitter committer = new GroupCommitter(vertx, ingestPool, ingestStore, signals, ingestMetrics,
        config.ingestBatching());
    return ApiRouter.create(vertx, new Admission(lifecycle), new Authenticate(tokens),
        new InboundRoutes(inbound, committer, publicUrl, config.bodyReadTimeoutSeconds() * 1000L, budget), console, routes);
  }
}
