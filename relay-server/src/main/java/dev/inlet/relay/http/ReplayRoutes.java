package dev.inlet.relay.http;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.replay.Replay;
import dev.inlet.relay.replay.ReplayService;
import dev.inlet.relay.replay.Resent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Replay jobs ({@code /v1/queues/{q}/replays}, {@code /v1/replays/{id}}) and resending one event. */
public final class ReplayRoutes implements RouteGroup {
  private final ReplayService replays;

  public ReplayRoutes(ReplayService replays) {
    this.replays = replays;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("createReplay").addHandler(this::create);
    builder.getRoute("listReplays").addHandler(this::list);
    builder.getRoute("getReplay").addHandler(this::get);
    builder.getRoute("cancelReplay").addHandler(this::cancel);
    builder.getRoute("resendEvent").addHandler(this::resend);
  }

  private void create(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    JsonObject body = ctx.body().asJsonObject();
    OffsetDateTime from = time(body.getString("from"), "/from");
    OffsetDateTime to = time(body.getString("to"), "/to");
    replays.create(tenant, ctx.pathParam("queue"), from, to, body.getString("endpointId"), body.getString("type"))
        .onSuccess(job -> Responses.json(ctx, 202, json(job)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    Page page = Page.of(ctx);
    replays.list(tenant, ctx.pathParam("queue"), page.after(), page.fetchSize())
        .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows, job -> job.id().value(), ReplayRoutes::json)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    replays.get(tenant, ctx.pathParam("replayId"))
        .onSuccess(job -> Responses.json(ctx, 200, json(job)))
        .onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    replays.cancel(tenant, ctx.pathParam("replayId"))
        .onSuccess(job -> Responses.json(ctx, 200, json(job)))
        .onFailure(ctx::fail);
  }

  private void resend(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    JsonObject body = ctx.body().available() && ctx.body().length() > 0 ? ctx.body().asJsonObject() : new JsonObject();
    replays.resend(tenant, ctx.pathParam("eventId"), body.getString("queue"))
        .onSuccess(made -> {
          JsonArray messages = new JsonArray();
          for (Resent message : made) {
            messages.add(new JsonObject().put("queue", message.queue()).put("messageId", message.messageId().toString()));
          }
          Responses.json(ctx, 202, new JsonObject().put("messages", messages));
        })
        .onFailure(ctx::fail);
  }

  static JsonObject json(Replay job) {
    return new JsonObject()
        .put("id", job.id().value())
        .put("queue", job.queue())
        .put("state", job.state())
        .put("from", ApiJson.time(job.from()))
        .put("to", ApiJson.time(job.to()))
        .put("endpointId", job.endpointId())
        .put("type", job.type())
        .put("total", job.total())
        .put("done", job.done())
        .put("skipped", job.skipped())
        .put("error", job.error())
        .put("createdAt", ApiJson.time(job.createdAt()))
        .put("startedAt", ApiJson.time(job.startedAt()))
        .put("finishedAt", ApiJson.time(job.finishedAt()));
  }

  private static OffsetDateTime time(String value, String pointer) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException | NullPointerException e) {
      throw InletProblem.invalid(pointer, "an RFC 3339 date-time, such as 2026-11-23T10:00:00Z");
    }
  }
}
