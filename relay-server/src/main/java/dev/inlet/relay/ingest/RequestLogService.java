package dev.inlet.relay.ingest;

import dev.inlet.relay.endpoint.EndpointService;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.RequestLogStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the request log of a tenant's endpoint; an endpoint the tenant does not have is a 404. */
public final class RequestLogService {
  private final Pool pool;
  private final RequestLogStore store;
  private final EndpointService endpoints;
  private final RequestLog.Settings settings;

  public RequestLogService(Pool pool, RequestLogStore store, EndpointService endpoints, RequestLog.Settings settings) {
    this.pool = pool;
    this.store = store;
    this.endpoints = endpoints;
    this.settings = settings;
  }

  /**
   * A page newest first: {@code outcome} null for all, in [{@code from}, {@code to}) and before
   * ({@code beforeTime}, {@code beforeId}).
   */
  public record Query(String outcome, OffsetDateTime from, OffsetDateTime to, OffsetDateTime beforeTime,
      long beforeId, int limit) {}

  public Future<List<LoggedRequest>> list(TenantId tenant, EndpointId endpoint, Query query) {
    return endpoints.get(tenant, endpoint).compose(known -> store.list(pool, tenant, endpoint, query.outcome(),
            new RequestLogStore.Window(query.from(), query.to(), query.beforeTime(), query.beforeId()), query.limit()))
        .map(rows -> rows.stream().map(LoggedRequest::from).toList());
  }

  public Future<RequestStats> stats(TenantId tenant, EndpointId endpoint, int windowSeconds) {
    return endpoints.get(tenant, endpoint)
        .compose(known -> store.counts(pool, tenant, endpoint, windowSeconds))
        .compose(counts -> store.drops(pool, tenant, endpoint).map(drops -> {
          Map<String, Long> byOutcome = zeroes();
          Map<String, Long> byReason = new TreeMap<>();
          Map<OffsetDateTime, Map<String, Long>> minutes = new TreeMap<>();
          for (RequestLogStore.CountRow row : counts) {
            byOutcome.merge(row.outcome(), row.count(), Long::sum);
            if (row.reason() != null) {
              byReason.merge(row.reason(), row.count(), Long::sum);
            }
            minutes.computeIfAbsent(row.minute(), m -> zeroes()).merge(row.outcome(), row.count(), Long::sum);
          }
          List<RequestStats.Minute> perMinute = new ArrayList<>();
          minutes.forEach((minute, outcomes) -> perMinute.add(new RequestStats.Minute(minute, outcomes)));
          return new RequestStats(windowSeconds, byOutcome, byReason, perMinute,
              drops.map(RequestLogStore.DropRow::dropped).orElse(0L),
              drops.map(RequestLogStore.DropRow::lastDroppedAt).orElse(null),
              settings.maxRefusedPerEndpoint(), settings.retentionHours());
        }));
  }

  private static Map<String, Long> zeroes() {
    Map<String, Long> counts = new LinkedHashMap<>();
    RequestStats.OUTCOMES.forEach(outcome -> counts.put(outcome, 0L));
    return counts;
  }
}
