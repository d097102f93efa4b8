package dev.inlet.relay.endpoint;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.EndpointStore;
import java.time.OffsetDateTime;
import java.util.List;

/** An inbound endpoint: one provider account posting to {@code /in/{id}}, routed to queues. */
public record Endpoint(EndpointId id, TenantId tenantId, String name, VerificationSummary verification,
    DedupeRule dedupe, int dedupeWindowSeconds, int maxBodyBytes, boolean enabled, List<Route> routes,
    OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  public static final int DEFAULT_MAX_BODY_BYTES = 1_048_576;
  /** GitHub sends payloads up to 25 MB. */
  public static final int MAX_MAX_BODY_BYTES = 26_214_400;
  public static final int DEFAULT_DEDUPE_WINDOW_SECONDS = 7 * 86_400;

  public Endpoint {
    routes = List.copyOf(routes);
  }

  static Endpoint from(EndpointStore.EndpointRow row) {
    List<Route> routes = row.routes().stream()
        .map(route -> new Route(route.queue(), EndpointColumns.filter(route.filter()))).toList();
    return new Endpoint(row.id(), row.tenantId(), row.name(),
        VerificationSummary.of(EndpointColumns.verification(row.verification())), EndpointColumns.dedupe(row.dedupe()),
        row.dedupeWindowSeconds(), row.maxBodyBytes(), row.enabled(), routes, row.createdAt(), row.updatedAt());
  }
}
