package dev.inlet.relay.tenant;

import dev.inlet.relay.auth.MintedToken;
import dev.inlet.relay.auth.Scopes;
import dev.inlet.relay.auth.TokenService;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.store.TenantStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** Creates tenants (with their first admin token, in one transaction) and lists them. */
public final class TenantService {

  /** A new tenant and the admin token that lets it manage itself. */
  public record CreatedTenant(Tenant tenant, MintedToken adminToken) {}

  private final Pool pool;
  private final TenantStore tenants;
  private final TokenService tokens;

  public TenantService(Pool pool, TenantStore tenants, TokenService tokens) {
    this.pool = pool;
    this.tenants = tenants;
    this.tokens = tokens;
  }

  public Future<CreatedTenant> create(String name, Integer ingestRatePerSecond, Integer retentionSeconds) {
    int retention = retentionSeconds == null ? Tenant.DEFAULT_RETENTION_SECONDS : retentionSeconds;
    return pool.withTransaction(tx -> tenants.insert(tx, TenantId.random(), name, ingestRatePerSecond, retention).map(Tenant::from)
        .compose(tenant -> tokens.mint(tx, tenant.id(), List.of(Scopes.ADMIN), TokenService.TENANT_ADMIN_TTL_SECONDS)
            .map(token -> new CreatedTenant(tenant, token))));
  }

  public Future<List<Tenant>> list(String afterName, int limit) {
    return tenants.listAfter(pool, afterName, limit).map(rows -> rows.stream().map(Tenant::from).toList());
  }

  /** A fresh admin token for an existing tenant, for an operator whose tenant admin lost theirs. */
  public Future<MintedToken> mintAdminToken(TenantId id, long ttlSeconds) {
    return tenants.find(pool, id).compose(found -> found.isEmpty()
        ? Future.failedFuture(InletProblem.notFound("no tenant " + id.value()))
        : tokens.mint(pool, id, List.of(Scopes.ADMIN), ttlSeconds));
  }
}
