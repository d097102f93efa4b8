package dev.inlet.relay.http;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.QueueService;
import dev.inlet.relay.queue.QueueSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code /v1/queues}: a tenant admin's queue management. */
public final class QueueRoutes implements RouteGroup {
  private final QueueService queues;

  public QueueRoutes(QueueService queues) {
    this.queues = queues;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("createQueue").addHandler(this::create);
    builder.getRoute("listQueues").addHandler(this::list);
    builder.getRoute("getQueue").addHandler(this::get);
    builder.getRoute("updateQueue").addHandler(this::update);
    builder.getRoute("deleteQueue").addHandler(this::delete);
    builder.getRoute("pauseQueue").addHandler(ctx -> setPaused(ctx, true));
    builder.getRoute("resumeQueue").addHandler(ctx -> setPaused(ctx, false));
  }

  private void create(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    JsonObject body = ctx.body().asJsonObject();
    queues.create(tenant, body.getString("name"), settings(body))
        .onSuccess(queue -> Responses.json(ctx, 201, ApiJson.queue(queue)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    Page page = Page.of(ctx);
    if ("true".equals(ctx.queryParams().get("stats"))) {
      queues.listWithStats(tenant, page.after(), page.fetchSize())
          .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows, found -> found.queue().name(), ApiJson::queue)))
          .onFailure(ctx::fail);
      return;
    }
    queues.list(tenant, page.after(), page.fetchSize())
        .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows, Queue::name, ApiJson::queue)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    queues.get(tenant, ctx.pathParam("queue"))
        .onSuccess(found -> Responses.json(ctx, 200, ApiJson.queue(found)))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    queues.update(tenant, ctx.pathParam("queue"), settings(ctx.body().asJsonObject()))
        .onSuccess(queue -> Responses.json(ctx, 200, ApiJson.queue(queue)))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    queues.delete(tenant, ctx.pathParam("queue"))
        .onSuccess(ignored -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void setPaused(RoutingContext ctx, boolean paused) {
    TenantId tenant = Access.tenantAdmin(ctx);
    queues.setPaused(tenant, ctx.pathParam("queue"), paused)
        .onSuccess(queue -> Responses.json(ctx, 200, ApiJson.queue(queue)))
        .onFailure(ctx::fail);
  }

  private static QueueSettings settings(JsonObject body) {
    return new QueueSettings(body.getInteger("leaseSeconds"), body.getInteger("maxAttempts"),
        body.getInteger("retentionSeconds"));
  }
}
