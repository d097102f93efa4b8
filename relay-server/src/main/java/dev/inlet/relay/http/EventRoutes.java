package dev.inlet.relay.http;

import dev.inlet.relay.envelope.Bodies;
import dev.inlet.relay.event.EventService;
import dev.inlet.relay.event.StoredEvent;
import dev.inlet.relay.id.EventId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code /v1/events/{id}}: an event's headers and body as received. */
public final class EventRoutes implements RouteGroup {
  private final EventService events;

  public EventRoutes(EventService events) {
    this.events = events;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("getEvent").addHandler(this::get);
  }

  private void get(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    String raw = ctx.pathParam("eventId");
    EventId id = EventId.parse(raw).orElseThrow(() -> InletProblem.notFound("no event " + raw));
    events.get(tenant, id)
        .onSuccess(event -> Responses.json(ctx, 200, json(event)))
        .onFailure(ctx::fail);
  }

  /** The body as JSON when it is JSON, else base64; {@code bodyEncoding} says which. */
  static JsonObject json(StoredEvent event) {
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
        .put("type", event.eventType());
    return Bodies.put(json, event.contentType(), event.body());
  }
}
