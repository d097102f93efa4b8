package dev.inlet.relay.http;

import dev.inlet.relay.auth.TokenService;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.tenant.Tenant;
import dev.inlet.relay.tenant.TenantPatch;
import dev.inlet.relay.tenant.TenantService;
import java.util.HashMap;
import java.util.Map;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code /v1/tenants}: the operator's routes. */
public final class TenantRoutes implements RouteGroup {
  private final TenantService tenants;

  public TenantRoutes(TenantService tenants) {
    this.tenants = tenants;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("createTenant").addHandler(this::create);
    builder.getRoute("listTenants").addHandler(this::list);
    builder.getRoute("createTenantAdminToken").addHandler(this::mintAdminToken);
    builder.getRoute("getTenant").addHandler(this::get);
    builder.getRoute("updateTenant").addHandler(this::update);
    builder.getRoute("deleteTenant").addHandler(this::delete);
  }

  private void get(RoutingContext ctx) {
    Access.operator(ctx);
    tenants.get(tenantId(ctx))
        .onSuccess(tenant -> Responses.json(ctx, 200, ApiJson.tenant(tenant)))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    Access.operator(ctx);
    TenantId id = tenantId(ctx);
    JsonObject body = ctx.body().asJsonObject();
    Map<String, Long> quotas = new HashMap<>();
    JsonObject given = body.getJsonObject("quotas");
    if (given != null) {
      // A quota given as null goes back to the relay's default.
      given.fieldNames().forEach(name -> quotas.put(name, given.getLong(name)));
    }
    TenantPatch patch = new TenantPatch(body.getInteger("ingestRatePerSecond"), body.getInteger("retentionSeconds"),
        body.getString("status"), quotas);
    tenants.patch(id, patch)
        .onSuccess(tenant -> Responses.json(ctx, 200, ApiJson.tenant(tenant)))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    Access.operator(ctx);
    tenants.delete(tenantId(ctx))
        .onSuccess(ignored -> Responses.json(ctx, 202, new JsonObject().put("status", "deleting")))
        .onFailure(ctx::fail);
  }

  private static TenantId tenantId(RoutingContext ctx) {
    return TenantId.parse(ctx.pathParam("tenantId"))
        .orElseThrow(() -> InletProblem.notFound("no tenant " + ctx.pathParam("tenantId")));
  }

  private void create(RoutingContext ctx) {
    Access.operator(ctx);
    JsonObject body = ctx.body().asJsonObject();
    tenants.create(body.getString("name"), body.getInteger("ingestRatePerSecond"), body.getInteger("retentionSeconds"))
        .onSuccess(created -> Responses.json(ctx, 201, ApiJson.tenant(created.tenant())
            .put("adminToken", created.adminToken().jwt())
            .put("adminTokenId", created.adminToken().id().value())))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Access.operator(ctx);
    Page page = Page.of(ctx);
    tenants.list(page.after(), page.fetchSize())
        .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows, Tenant::name, ApiJson::tenant)))
        .onFailure(ctx::fail);
  }

  private void mintAdminToken(RoutingContext ctx) {
    Access.operator(ctx);
    TenantId id = TenantId.parse(ctx.pathParam("tenantId"))
        .orElseThrow(() -> InletProblem.notFound("no tenant " + ctx.pathParam("tenantId")));
    JsonObject body = ctx.body().available() && ctx.body().length() > 0 ? ctx.body().asJsonObject() : new JsonObject();
    long ttl = body.getLong("ttlSeconds", TokenService.TENANT_ADMIN_TTL_SECONDS);
    tenants.mintAdminToken(id, ttl)
        .onSuccess(token -> Responses.json(ctx, 201, ApiJson.minted(token)))
        .onFailure(ctx::fail);
  }
}
