package dev.inlet.relay.tenant;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.QuotaExceeded;
import dev.inlet.relay.store.TenantStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * The create quotas: one more queue or endpoint than the tenant's limit is refused (422 with the
 * limit). Counted when creating, which is rare; two creates at the same moment may both pass.
 */
public final class QuotaGuard {
  private final TenantStore tenants;
  private final Quotas defaults;

  public QuotaGuard(TenantStore tenants, Quotas defaults) {
    this.tenants = tenants;
    this.defaults = defaults;
  }

  public Future<Void> mayAddQueue(SqlClient sql, TenantId tenant) {
    return quotasAndUsage(sql, tenant).compose(current -> current.usage().queues() < current.quotas().maxQueues()
        ? Future.succeededFuture()
        : Future.failedFuture(QuotaExceeded.onCreate(TenantPatch.MAX_QUEUES, current.quotas().maxQueues(),
            "this tenant has its " + current.quotas().maxQueues() + " queues, its quota")));
  }

  public Future<Void> mayAddEndpoint(SqlClient sql, TenantId tenant) {
    return quotasAndUsage(sql, tenant).compose(current -> current.usage().endpoints() < current.quotas().maxEndpoints()
        ? Future.succeededFuture()
        : Future.failedFuture(QuotaExceeded.onCreate(TenantPatch.MAX_ENDPOINTS, current.quotas().maxEndpoints(),
            "this tenant has its " + current.quotas().maxEndpoints() + " endpoints, its quota")));
  }

  private record Current(Quotas quotas, TenantStore.UsageRow usage) {}

  private Future<Current> quotasAndUsage(SqlClient sql, TenantId tenant) {
    return tenants.find(sql, tenant).compose(found -> {
      TenantStore.TenantRow row = found.orElseThrow(() -> InletProblem.notFound("no tenant " + tenant.value()));
      return tenants.usage(sql, tenant).map(usage -> new Current(defaults.over(row), usage));
    });
  }
}
