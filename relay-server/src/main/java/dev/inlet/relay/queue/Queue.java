package dev.inlet.relay.queue;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.QueueStore;
import java.time.OffsetDateTime;

/** A tenant's queue: where one consuming app takes its messages from. */
public record Queue(long id, TenantId tenantId, String name, int leaseSeconds, int maxAttempts,
    int retentionSeconds, boolean paused, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  public static final String NAME_PATTERN = "^[a-z0-9_-]{1,64}$";
  public static final int DEFAULT_LEASE_SECONDS = 30;
  public static final int MAX_LEASE_SECONDS = 43_200;
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  public static final int MAX_MAX_ATTEMPTS = 1_000;
  public static final int DEFAULT_RETENTION_SECONDS = 7 * 86_400;

  static Queue from(QueueStore.QueueRow row) {
    return new Queue(row.id(), row.tenantId(), row.name(), row.leaseSeconds(), row.maxAttempts(),
        row.retentionSeconds(), row.paused(), row.createdAt(), row.updatedAt());
  }
}
