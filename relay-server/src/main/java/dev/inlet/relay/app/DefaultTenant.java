package dev.inlet.relay.app;

import dev.inlet.relay.store.TenantStore;
import dev.inlet.relay.tenant.TenantService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Optional;

/**
 * The embedded relay's trial set-up: a tenant named {@code default}, created on the very first
 * start only (a marker in {@code settings} makes that true across restarts and nodes).
 */
final class DefaultTenant {
  static final String NAME = "default";
  private static final String MARKER = "bootstrap.default-tenant";

  private DefaultTenant() {}

  /** The new tenant's admin token, or empty when an earlier start already did this. */
  static Future<Optional<String>> createOnce(Pool pool, TenantStore settings, TenantService tenants) {
    return settings.settingClaim(pool, MARKER, "created").compose(claimed -> claimed
        ? tenants.create(NAME, null, null).map(created -> Optional.of(created.adminToken().jwt()))
        : Future.succeededFuture(Optional.empty()));
  }
}
