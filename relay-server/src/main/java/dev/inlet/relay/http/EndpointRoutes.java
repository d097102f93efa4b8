package dev.inlet.relay.http;

import dev.inlet.relay.endpoint.Endpoint;
import dev.inlet.relay.endpoint.EndpointService;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Supplier;

/** {@code /v1/endpoints}: a tenant admin's inbound endpoints, with their verification and routes. */
public final class EndpointRoutes implements RouteGroup {
  private final EndpointService endpoints;
  private final Supplier<String> publicUrl;

  public EndpointRoutes(EndpointService endpoints, Supplier<String> publicUrl) {
    this.endpoints = endpoints;
    this.publicUrl = publicUrl;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("createEndpoint").addHandler(this::create);
    builder.getRoute("listEndpoints").addHandler(this::list);
    builder.getRoute("getEndpoint").addHandler(this::get);
    builder.getRoute("updateEndpoint").addHandler(this::update);
    builder.getRoute("deleteEndpoint").addHandler(this::delete);
  }

  private void create(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    endpoints.create(tenant, EndpointJson.spec(ctx.body().asJsonObject()))
        .onSuccess(endpoint -> Responses.json(ctx, 201, json(endpoint)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    Page page = Page.of(ctx);
    endpoints.list(tenant, page.after(), page.fetchSize())
        .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows, Endpoint::name, this::json)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    endpoints.get(tenant, endpointId(ctx)).onSuccess(e -> Responses.json(ctx, 200, json(e))).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    JsonObject body = ctx.body().asJsonObject();
    EndpointId id = endpointId(ctx);
    endpoints.update(tenant, id, EndpointJson.spec(body), body.containsKey("dedupe"))
        .onSuccess(endpoint -> Responses.json(ctx, 200, json(endpoint)))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    EndpointId id = endpointId(ctx);
    endpoints.delete(tenant, id)
        .onSuccess(ignored -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private JsonObject json(Endpoint endpoint) {
    return ApiJson.endpoint(endpoint, publicUrl.get());
  }

  /** Ids of the wrong shape cannot exist: they answer 404 like any unknown id. */
  private static EndpointId endpointId(RoutingContext ctx) {
    String raw = ctx.pathParam("endpointId");
    return EndpointId.parse(raw).orElseThrow(() -> InletProblem.notFound("no endpoint " + raw));
  }
}
