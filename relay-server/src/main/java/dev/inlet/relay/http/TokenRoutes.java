package dev.inlet.relay.http;

import dev.inlet.relay.auth.TokenService;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.id.TokenId;
import dev.inlet.relay.problem.InletProblem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code /v1/tokens}: a tenant admin mints, lists and revokes the tenant's tokens. */
public final class TokenRoutes implements RouteGroup {
  private final TokenService tokens;

  public TokenRoutes(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("createToken").addHandler(this::create);
    builder.getRoute("listTokens").addHandler(this::list);
    builder.getRoute("revokeToken").addHandler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    JsonObject body = ctx.body().asJsonObject();
    List<String> scopes = new ArrayList<>();
    body.getJsonArray("scopes").forEach(scope -> scopes.add(String.valueOf(scope)));
    long ttl = body.getLong("ttlSeconds", TokenService.DEFAULT_TTL_SECONDS);
    tokens.mint(tenant, List.copyOf(new LinkedHashSet<>(scopes)), ttl)
        .onSuccess(token -> Responses.json(ctx, 201, ApiJson.minted(token)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdminOnly(ctx);
    Page page = Page.of(ctx);
    tokens.list(tenant, page.after(), page.fetchSize())
        .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows, t -> t.id().value(), ApiJson::token)))
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    String raw = ctx.pathParam("tokenId");
    TokenId id = TokenId.parse(raw).orElseThrow(() -> InletProblem.notFound("no token " + raw));
    tokens.revoke(tenant, id).onSuccess(ignored -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }
}
