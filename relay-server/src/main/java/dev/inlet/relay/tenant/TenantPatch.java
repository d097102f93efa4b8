package dev.inlet.relay.tenant;

import java.util.Map;

/**
 * A PATCH of a tenant: null fields stay as they are. {@code quotas} holds only the quotas given; a
 * null value there puts the quota back to the relay's default.
 */
public record TenantPatch(Integer ingestRatePerSecond, Integer retentionSeconds, String status,
    Map<String, Long> quotas) {
  public static final String MAX_QUEUES = "maxQueues";
  public static final String MAX_ENDPOINTS = "maxEndpoints";
  public static final String MAX_BACKLOG_PER_QUEUE = "maxBacklogPerQueue";
  public static final String MAX_STORED_BYTES = "maxStoredBytes";
}
