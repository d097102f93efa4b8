package dev.inlet.relay.http;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.ingest.LoggedRequest;
import dev.inlet.relay.ingest.RequestLogService;
import dev.inlet.relay.ingest.RequestStats;
import dev.inlet.relay.problem.InletProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Base64;

/** {@code /v1/endpoints/{endpointId}/requests}: every request the endpoint got, refused ones too. */
public final class RequestRoutes implements RouteGroup {
  static final int DEFAULT_STATS_WINDOW_SECONDS = 3600;
  private final RequestLogService requests;

  public RequestRoutes(RequestLogService requests) {
    this.requests = requests;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("listEndpointRequests").addHandler(this::list);
    builder.getRoute("getEndpointRequestStats").addHandler(this::stats);
  }

  private void list(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    EndpointId endpoint = endpoint(ctx);
    Page page = Page.of(ctx);
    TimeWindow window = TimeWindow.of(ctx, page);
    long beforeId = beforeId(window);
    requests.list(tenant, endpoint, new RequestLogService.Query(ctx.queryParams().get("outcome"), window.from(),
            window.to(), window.beforeTime(), beforeId, page.fetchSize()))
        .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows,
            r -> TimeWindow.key(r.receivedAt(), Long.toString(r.id())), RequestRoutes::json)))
        .onFailure(ctx::fail);
  }

  private void stats(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    EndpointId endpoint = endpoint(ctx);
    String window = ctx.queryParams().get("window");
    int seconds = window == null ? DEFAULT_STATS_WINDOW_SECONDS : Integer.parseInt(window);
    requests.stats(tenant, endpoint, seconds)
        .onSuccess(stats -> Responses.json(ctx, 200, json(stats)))
        .onFailure(ctx::fail);
  }

  private static EndpointId endpoint(RoutingContext ctx) {
    String raw = ctx.pathParam("endpointId");
    return EndpointId.parse(raw).orElseThrow(() -> InletProblem.notFound("no endpoint " + raw));
  }

  private static long beforeId(TimeWindow window) {
    if (window.beforeId().isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(window.beforeId());
    } catch (NumberFormatException e) {
      throw InletProblem.invalid("?cursor", "not a cursor this API handed out");
    }
  }

  static JsonObject json(LoggedRequest request) {
    JsonObject json = new JsonObject()
        .put("id", "req_" + request.id())
        .put("receivedAt", ApiJson.time(request.receivedAt()))
        .put("endpointId", request.endpointId())
        .put("outcome", request.outcome())
        .put("reason", request.reason())
        .put("eventId", request.eventId())
        .put("type", request.type())
        .put("sourceAddress", request.sourceAddress())
        .put("method", request.method())
        .put("headers", request.headers() == null ? new JsonObject() : request.headers())
        .put("bodySize", request.bodySize());
    if (request.bodyPreview() != null) {
      json.put("bodyPreviewBase64", Base64.getEncoder().encodeToString(request.bodyPreview().getBytes()));
    }
    return json;
  }

  static JsonObject json(RequestStats stats) {
    JsonObject byReason = new JsonObject();
    stats.byReason().forEach(byReason::put);
    JsonArray perMinute = new JsonArray();
    stats.perMinute().forEach(minute -> {
      JsonObject row = new JsonObject().put("minute", ApiJson.time(minute.minute()));
      minute.byOutcome().forEach(row::put);
      perMinute.add(row);
    });
    JsonObject json = new JsonObject().put("windowSeconds", stats.windowSeconds());
    stats.byOutcome().forEach(json::put);
    return json.put("byReason", byReason).put("perMinute", perMinute)
        .put("dropped", stats.dropped())
        .put("lastDroppedAt", stats.lastDroppedAt() == null ? null : ApiJson.time(stats.lastDroppedAt()))
        .put("maxRefusedKept", stats.maxRefusedKept())
        .put("retentionHours", stats.retentionHours());
  }
}
