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
import java.util.Map;
import java.util.function.Consumer;

/**
 * Creates tenants (with their first admin token, in one transaction), lists, reads and changes them
 * (rate, retention, status, quotas), and marks them for removal ({@link TenantReaper} removes them).
 */
public final class TenantService {

  /** A new tenant and the admin token that lets it manage itself. */
  public record CreatedTenant(Tenant tenant, MintedToken adminToken) {}

  private final Pool pool;
  private final TenantStore tenants;
  private final TokenService tokens;
  private final Quotas defaults;
  private final Consumer<TenantId> changed;
  private final Runnable deletionRequested;

  /**
   * {@code changed} hears of a tenant whose settings or status changed (caches of it go);
   * {@code deletionRequested} of a tenant marked for removal.
   */
  public TenantService(Pool pool, TenantStore tenants, TokenService tokens, Quotas defaults,
      Consumer<TenantId> changed, Runnable deletionRequested) {
    this.pool = pool;
    this.tenants = tenants;
    this.tokens = tokens;
    this.defaults = defaults;
    this.changed = changed;
    this.deletionRequested = deletionRequested;
  }

  public Future<Tenant> get(TenantId id) {
    return tenants.find(pool, id).map(found -> Tenant.from(found.orElseThrow(() -> notFound(id)), defaults));
  }

  /** Applies the patch to the tenant as it is now; a tenant being deleted is not found. */
  public Future<Tenant> patch(TenantId id, TenantPatch patch) {
    return pool.withTransaction(tx -> tenants.findForUpdate(tx, id).compose(found -> {
      TenantStore.TenantRow row = found.filter(r -> !"deleting".equals(r.status())).orElseThrow(() -> notFound(id));
      Map<String, Long> quotas = patch.quotas() == null ? Map.of() : patch.quotas();
      TenantStore.TenantRow merged = new TenantStore.TenantRow(row.id(), row.name(),
          patch.status() == null ? row.status() : patch.status(),
          patch.ingestRatePerSecond() == null ? row.ingestRatePerSecond() : patch.ingestRatePerSecond(),
          patch.retentionSeconds() == null ? row.retentionSeconds() : patch.retentionSeconds(),
          quotas.containsKey(TenantPatch.MAX_QUEUES) ? asInt(quotas.get(TenantPatch.MAX_QUEUES)) : row.maxQueues(),
          quotas.containsKey(TenantPatch.MAX_ENDPOINTS) ? asInt(quotas.get(TenantPatch.MAX_ENDPOINTS))
              : row.maxEndpoints(),
          quotas.containsKey(TenantPatch.MAX_BACKLOG_PER_QUEUE) ? quotas.get(TenantPatch.MAX_BACKLOG_PER_QUEUE)
              : row.maxBacklogPerQueue(),
          quotas.containsKey(TenantPatch.MAX_STORED_BYTES) ? quotas.get(TenantPatch.MAX_STORED_BYTES)
              : row.maxStoredBytes(),
          row.createdAt());
      return tenants.update(tx, merged);
    })).map(updated -> Tenant.from(updated.orElseThrow(() -> notFound(id)), defaults))
        .onSuccess(tenant -> changed.accept(id));
  }

  /**
   * Marks the tenant for removal: its tokens stop working and its endpoints stop answering at once;
   * its rows are removed in the background.
   */
  public Future<Void> delete(TenantId id) {
    return tenants.markDeleting(pool, id).compose(marked -> {
      if (!marked) {
        return tenants.find(pool, id).compose(found -> found.isPresent()
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(notFound(id)));
      }
      changed.accept(id);
      deletionRequested.run();
      return Future.succeededFuture();
    });
  }

  private static Integer asInt(Long value) {
    return value == null ? null : Math.toIntExact(value);
  }

  private static InletProblem notFound(TenantId id) {
    return InletProblem.notFound("no tenant " + id.value());
  }

  public Future<CreatedTenant> create(String name, Integer ingestRatePerSecond, Integer retentionSeconds) {
    int retention = retentionSeconds == null ? Tenant.DEFAULT_RETENTION_SECONDS : retentionSeconds;
    return pool.withTransaction(tx -> tenants.insert(tx, TenantId.random(), name, ingestRatePerSecond, retention)
        .map(row -> Tenant.from(row, defaults))
        .compose(tenant -> tokens.mint(tx, tenant.id(), List.of(Scopes.ADMIN), TokenService.TENANT_ADMIN_TTL_SECONDS)
            .map(token -> new CreatedTenant(tenant, token))));
  }

  public Future<List<Tenant>> list(String afterName, int limit) {
    return tenants.listAfter(pool, afterName, limit).map(rows -> rows.stream().map(row -> Tenant.from(row, defaults)).toList());
  }

  /** A fresh admin token for an existing tenant, for an operator whose tenant admin lost theirs. */
  public Future<MintedToken> mintAdminToken(TenantId id, long ttlSeconds) {
    return tenants.find(pool, id).compose(found -> found.isEmpty()
        ? Future.failedFuture(InletProblem.notFound("no tenant " + id.value()))
        : tokens.mint(pool, id, List.of(Scopes.ADMIN), ttlSeconds));
  }
}
