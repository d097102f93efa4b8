package dev.inlet.relay.http;

import dev.inlet.relay.auth.Principal;
import dev.inlet.relay.auth.Principal.TenantPrincipal;
import dev.inlet.relay.tenant.TenantService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.TreeSet;

/**
 * {@code GET /v1/me}: who the calling token is. Any valid token may ask (the console reads it to
 * show the tenant and to hide the actions an {@code inspect} token may not take).
 */
public final class MeRoutes implements RouteGroup {
  private final TenantService tenants;

  public MeRoutes(TenantService tenants) {
    this.tenants = tenants;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("getMe").addHandler(this::me);
  }

  private void me(RoutingContext ctx) {
    Principal principal = ctx.get(Authenticate.PRINCIPAL);
    if (!(principal instanceof TenantPrincipal tenant)) {
      Responses.json(ctx, 200, new JsonObject().put("kind", "operator").putNull("tenantId").putNull("tenantName")
          .putNull("tokenId").put("scopes", new JsonArray()).putNull("expiresAt").put("canWrite", false));
      return;
    }
    tenants.get(tenant.tenantId())
        .onSuccess(found -> Responses.json(ctx, 200, new JsonObject()
            .put("kind", "tenant")
            .put("tenantId", tenant.tenantId().value())
            .put("tenantName", found.name())
            .put("tokenId", tenant.tokenId() == null ? null : tenant.tokenId().value())
            .put("scopes", new JsonArray(new TreeSet<>(tenant.scopes()).stream().toList()))
            .put("expiresAt", time(tenant.expiresAt()))
            .put("canWrite", tenant.isAdmin())))
        .onFailure(ctx::fail);
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
