package dev.inlet.relay.ingest;

import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.QuotaExceeded;
import dev.inlet.relay.store.TenantStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest quotas, checked without a query per request: every {@code checkMillis} this node
 * reads which queues are over their backlog quota and which tenants over their stored-bytes quota,
 * and ingest refuses (429 + {@code Retry-After}, the provider retries: nothing is dropped) an event
 * one of whose queues is over, or whose tenant is. A quota is so enforced within one check period.
 * The backlog probe costs at most a quota's worth of index entries per queue; the stored bytes are a
 * sum over all events, so they are read only every {@link #STORAGE_EVERY}th check.
 */
public final class IngestQuotas {
  static final long RETRY_AFTER_SECONDS = 30;
  static final int STORAGE_EVERY = 12;
  private static final Logger log = LoggerFactory.getLogger(IngestQuotas.class);

  private final Pool pool;
  private final TenantStore store;
  private final long defaultMaxBacklog;
  private final long defaultMaxStoredBytes;
  private final AtomicBoolean checking = new AtomicBoolean();
  private long checks;
  private volatile Map<Long, Long> queuesOverBacklog = Map.of();
  private volatile Map<String, Long> tenantsOverStorage = Map.of();
  private final long timer;
  private final Vertx vertx;

  public IngestQuotas(Vertx vertx, Pool pool, TenantStore store, long defaultMaxBacklog, long defaultMaxStoredBytes,
      long checkMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.defaultMaxBacklog = defaultMaxBacklog;
    this.defaultMaxStoredBytes = defaultMaxStoredBytes;
    this.timer = vertx.setPeriodic(1, checkMillis, id -> check());
  }

  /** Null when the event may come in; else the quota problem to answer with. */
  InletProblem refusal(IngestEndpoint endpoint) {
    Long storage = tenantsOverStorage.get(endpoint.tenantId().value());
    if (storage != null) {
      return QuotaExceeded.onIngest("maxStoredBytes", storage,
          "this tenant stores more event bytes than its quota; retry once retention has freed some",
          RETRY_AFTER_SECONDS);
    }
    Map<Long, Long> over = queuesOverBacklog;
    if (!over.isEmpty()) {
      for (IngestEndpoint.Target target : endpoint.targets()) {
        Long limit = over.get(target.queueId());
        if (limit != null) {
          return QuotaExceeded.onIngest("maxBacklogPerQueue", limit,
              "a queue this endpoint routes to holds its quota of waiting messages; retry once it drains",
              RETRY_AFTER_SECONDS);
        }
      }
    }
    return null;
  }

  private void check() {
    if (!checking.compareAndSet(false, true)) {
      return;
    }
    store.queuesOverBacklog(pool, defaultMaxBacklog)
        .map(rows -> rows.stream().collect(Collectors.toUnmodifiableMap(row -> Long.parseLong(row.key()),
            TenantStore.OverRow::limit)))
        .onSuccess(rows -> queuesOverBacklog = rows)
        .compose(v -> checks++ % STORAGE_EVERY != 0 ? Future.succeededFuture()
            : store.tenantsOverStorage(pool, defaultMaxStoredBytes)
                .map(rows -> rows.stream().collect(Collectors.toUnmodifiableMap(TenantStore.OverRow::key,
                    TenantStore.OverRow::limit)))
                .onSuccess(rows -> tenantsOverStorage = rows).mapEmpty())
        .onComplete(done -> {
          checking.set(false);
          if (done.failed()) {
            log.warn("Could not check the ingest quotas (the last figures stand): {}", done.cause().toString());
          }
        });
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }
}
