package dev.inlet.relay.ingest;

import dev.inlet.relay.endpoint.DedupeRule;
import dev.inlet.relay.endpoint.RouteFilter;
import dev.inlet.relay.endpoint.Scheme;
import dev.inlet.relay.endpoint.VerificationConfig;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.verify.Verifier;
import java.util.List;

/**
 * What the inbound path needs to know about an endpoint, loaded once and cached: its verifier is
 * built here, not per request.
 */
public record IngestEndpoint(EndpointId id, TenantId tenantId, String name, Scheme scheme,
    VerificationConfig verification, Verifier verifier, DedupeRule dedupe, int dedupeWindowSeconds,
    int maxBodyBytes, boolean accepting, Integer tenantRatePerSecond, List<Target> targets) {

  /** A queue this endpoint routes to, and the filter an event must match to go there. */
  public record Target(long queueId, RouteFilter filter) {}

  public IngestEndpoint {
    targets = List.copyOf(targets);
  }
}
