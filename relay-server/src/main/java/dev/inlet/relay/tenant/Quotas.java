package dev.inlet.relay.tenant;

import dev.inlet.relay.store.TenantStore;

/**
 * A tenant's limits: queues and endpoints it may have, messages waiting per queue (ready, delayed
 * or leased), and bytes of stored event bodies. A tenant's own value, or the relay's default
 * ({@code INLET_QUOTA_*}).
 */
public record Quotas(long maxQueues, long maxEndpoints, long maxBacklogPerQueue, long maxStoredBytes) {
  public static final long DEFAULT_MAX_QUEUES = 1_000;
  public static final long DEFAULT_MAX_ENDPOINTS = 1_000;
  public static final long DEFAULT_MAX_BACKLOG_PER_QUEUE = 10_000_000;
  public static final long DEFAULT_MAX_STORED_BYTES = 100L * 1024 * 1024 * 1024;

  /** The tenant's values where it has them, these defaults elsewhere. */
  Quotas over(TenantStore.TenantRow row) {
    return new Quotas(
        row.maxQueues() == null ? maxQueues : row.maxQueues(),
        row.maxEndpoints() == null ? maxEndpoints : row.maxEndpoints(),
        row.maxBacklogPerQueue() == null ? maxBacklogPerQueue : row.maxBacklogPerQueue(),
        row.maxStoredBytes() == null ? maxStoredBytes : row.maxStoredBytes());
  }
}
