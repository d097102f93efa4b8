package dev.inlet.relay.tenant;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.TenantStore;
import java.time.OffsetDateTime;

/**
 * A customer of the relay: owns endpoints, queues and tokens, and sees nothing of anyone else's.
 * {@code status}: active, suspended (ingest 503, its tokens 403) or deleting (being removed).
 */
public record Tenant(TenantId id, String name, String status, Integer ingestRatePerSecond, int retentionSeconds,
    Quotas quotas, OffsetDateTime createdAt) {
  public static final int DEFAULT_RETENTION_SECONDS = 7 * 86_400;

  public static final String NAME_PATTERN = "^[a-z0-9][a-z0-9_-]{0,62}$";

  static Tenant from(TenantStore.TenantRow row, Quotas defaults) {
    return new Tenant(row.id(), row.name(), row.status(), row.ingestRatePerSecond(), row.retentionSeconds(),
        defaults.over(row), row.createdAt());
  }
}
