package dev.inlet.relay.endpoint;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import java.time.OffsetDateTime;
import java.util.List;

/** An inbound endpoint: one provider account posting to {@code /in/{id}}, routed to queues. */
public record Endpoint(EndpointId id, TenantId tenantId, String name, VerificationConfig verification,
    DedupeRule dedupe, int dedupeWindowSeconds, int maxBodyBytes, boolean enabled, List<Route> routes,
    OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  public static final int DEFAULT_MAX_BODY_BYTES = 1_048_576;
  /** GitHub sends payloads up to 25 MB. */
  public static final int MAX_MAX_BODY_BYTES = 26_214_400;
  public static final int DEFAULT_DEDUPE_WINDOW_SECONDS = 7 * 86_400;

  public Endpoint {
    routes = List.copyOf(routes);
  }
}
