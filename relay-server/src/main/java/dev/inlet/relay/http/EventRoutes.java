package dev.inlet.relay.http;

import dev.inlet.relay.envelope.Bodies;
import dev.inlet.relay.envelope.JsonText;
import dev.inlet.relay.event.EventDelivery;
import dev.inlet.relay.event.EventSearch;
import dev.inlet.relay.event.EventService;
import dev.inlet.relay.event.EventSummary;
import dev.inlet.relay.event.StoredEvent;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.EventId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Base64;
import java.util.List;

/**
 * {@code /v1/events}: search a tenant's events; one event's headers and body as received, and
 * what became of it in each queue; its body alone, byte for byte.
 */
public final class EventRoutes implements RouteGroup {
  private final EventService events;

  public EventRoutes(EventService events) {
    this.events = events;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("searchEvents").addHandler(this::search);
    builder.getRoute("getEvent").addHandler(this::get);
    builder.getRoute("getEventBody").addHandler(this::body);
  }

  private void search(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    Page page = Page.of(ctx);
    TimeWindow window = TimeWindow.of(ctx, page);
    String endpoint = ctx.queryParams().get("endpoint");
    EndpointId endpointId = endpoint == null ? null
        : EndpointId.parse(endpoint).orElseThrow(() -> InletProblem.notFound("no endpoint " + endpoint));
    EventSearch search = new EventSearch(endpointId, ctx.queryParams().get("queue"), ctx.queryParams().get("type"),
        ctx.queryParams().get("outcome"), window.from(), window.to(), window.beforeTime(), window.beforeId(),
        page.fetchSize());
    events.search(tenant, search)
        .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows, e -> TimeWindow.key(e.receivedAt(), e.id()),
            EventRoutes::json)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    events.detail(tenant, id(ctx))
        .onSuccess(detail -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .end(render(detail.event(), detail.deliveries())))
        .onFailure(ctx::fail);
  }

  /** The provider's bytes with the provider's Content-Type: what a signature was computed over. */
  private void body(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    events.get(tenant, id(ctx))
        .onSuccess(event -> ctx.response().setStatusCode(200)
            .putHeader("Content-Type", event.contentType() == null ? "application/octet-stream" : event.contentType())
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Content-Disposition", "attachment")
            .end(event.body() == null ? Buffer.buffer() : event.body()))
        .onFailure(ctx::fail);
  }

  private static EventId id(RoutingContext ctx) {
    String raw = ctx.pathParam("eventId");
    return EventId.parse(raw).orElseThrow(() -> InletProblem.notFound("no event " + raw));
  }

  /**
   * The event as JSON. {@code body} is the provider's JSON text itself, embedded as it is (not parsed
   * and encoded again, which turned {@code 1.50} into {@code 1.5}), or base64 when it is not JSON;
   * {@code bodyBase64} is always the exact bytes.
   */
  static Buffer render(StoredEvent event, List<EventDelivery> deliveries) {
    Buffer body = event.body() == null ? Buffer.buffer() : event.body();
    JsonArray delivered = new JsonArray();
    deliveries.forEach(d -> delivered.add(new JsonObject()
        .put("queue", d.queue())
        .put("messageId", d.messageId() == null ? null : d.messageId().toString())
        .put("state", d.state())
        .put("attempt", d.attempt())
        .put("lastError", d.lastError())));
    JsonObject json = fields(event)
        .put("bodyBase64", Base64.getEncoder().encodeToString(body.getBytes()))
        .put("deliveries", delivered);
    if (Bodies.looksJson(event.contentType()) && utf8WithoutBom(body) && JsonText.isSingleValue(body)) {
      String head = json.encode();
      return Buffer.buffer(head.length() + body.length() + 40)
          .appendString(head.substring(0, head.length() - 1))
          .appendString(",\"bodyEncoding\":\"json\",\"body\":").appendBuffer(body).appendString("}");
    }
    return Buffer.buffer(json.put("bodyEncoding", "base64")
        .put("body", Base64.getEncoder().encodeToString(body.getBytes())).encode());
  }

  /**
   * The parser also reads UTF-16, UTF-32 and a byte-order mark, none of which may sit inside a UTF-8
   * document: such a body goes as base64. (UTF-8 JSON never holds a NUL byte.)
   */
  private static boolean utf8WithoutBom(Buffer body) {
    if (body.length() >= 3 && body.getUnsignedByte(0) == 0xEF && body.getUnsignedByte(1) == 0xBB) {
      return false;
    }
    for (int i = 0; i < body.length(); i++) {
      if (body.getByte(i) == 0) {
        return false;
      }
    }
    return true;
  }

  private static JsonObject fields(StoredEvent event) {
    JsonObject json = new JsonObject()
        .put("id", event.id())
        .put("endpointId", event.endpointId())
        .put("receivedAt", ApiJson.time(event.receivedAt()))
        .put("method", event.method())
        .put("pathQuery", event.pathQuery())
        .put("headers", event.headers())
        .put("contentType", event.contentType())
        .put("sourceAddress", event.sourceAddress())
        .put("dedupeKey", event.dedupeKey())
        .put("type", event.eventType())
        .put("size", event.body() == null ? 0 : event.body().length());
    if (event.traceparent() != null) {
      json.put("traceparent", event.traceparent());
      if (event.tracestate() != null) {
        json.put("tracestate", event.tracestate());
      }
    }
    return json;
  }

  static JsonObject json(EventSummary event) {
    return new JsonObject()
        .put("id", event.id())
        .put("endpointId", event.endpointId())
        .put("endpointName", event.endpointName())
        .put("type", event.type())
        .put("receivedAt", ApiJson.time(event.receivedAt()))
        .put("size", event.size())
        .put("contentType", event.contentType())
        .put("dedupeKey", event.dedupeKey());
  }
}
