package dev.inlet.relay.http;

import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.queue.InspectService;
import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.queue.MessageSummary;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.QueueAccess;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Admin inspection and repair of a queue: list its messages, purge them, replay stored events. */
public final class InspectRoutes implements RouteGroup {
  private final LeaseService leases;
  private final InspectService inspect;

  public InspectRoutes(LeaseService leases, InspectService inspect) {
    this.leases = leases;
    this.inspect = inspect;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("listQueueMessages").addHandler(this::list);
    builder.getRoute("purgeQueueMessages").addHandler(this::purge);
    builder.getRoute("replayQueue").addHandler(this::replay);
  }

  private void list(RoutingContext ctx) {
    Page page = Page.of(ctx);
    long after = page.after().isEmpty() ? 0
        : MessageId.parse(page.after()).orElseThrow(() -> InletProblem.invalid("?cursor", "not a cursor this API handed out"))
            .value();
    String state = ctx.queryParams().get("state");
    queue(ctx).compose(queue -> inspect.list(queue, state, after, page.fetchSize()))
        .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows, m -> m.id().toString(), InspectRoutes::json)))
        .onFailure(ctx::fail);
  }

  private void purge(RoutingContext ctx) {
    String state = ctx.queryParams().get("state");
    queue(ctx).compose(queue -> inspect.purge(queue, state))
        .onSuccess(count -> Responses.json(ctx, 200, new JsonObject().put("purged", count)))
        .onFailure(ctx::fail);
  }

  private void replay(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    OffsetDateTime from = time(body.getString("from"), "/from");
    OffsetDateTime to = time(body.getString("to"), "/to");
    if (!from.isBefore(to)) {
      throw InletProblem.invalid("/to", "must be after from");
    }
    queue(ctx).compose(queue -> inspect.replay(queue, from, to, body.getString("endpointId")))
        .onSuccess(count -> Responses.json(ctx, 200, new JsonObject().put("replayed", count)
            .put("limit", InspectService.MAX_REPLAY)))
        .onFailure(ctx::fail);
  }

  private Future<Queue> queue(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    return leases.consumable(tenant, ctx.pathParam("queue"), QueueAccess.ALL);
  }

  private static OffsetDateTime time(String value, String pointer) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException | NullPointerException e) {
      throw InletProblem.invalid(pointer, "an RFC 3339 date-time, such as 2026-11-23T10:00:00Z");
    }
  }

  private static JsonObject json(MessageSummary message) {
    return new JsonObject()
        .put("id", message.id().toString())
        .put("eventId", message.eventId())
        .put("state", message.state())
        .put("attempt", message.attempt())
        .put("visibleAt", ApiJson.time(message.visibleAt()))
        .put("enqueuedAt", ApiJson.time(message.enqueuedAt()))
        .put("lastError", message.lastError())
        .put("deadAt", ApiJson.time(message.deadAt()));
  }
}
