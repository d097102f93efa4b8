package dev.inlet.relay.ingest;

import dev.inlet.relay.endpoint.DedupeRule;
import dev.inlet.relay.endpoint.EndpointColumns;
import dev.inlet.relay.endpoint.EndpointSecrets;
import dev.inlet.relay.endpoint.RouteFilter;
import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.provider.Provider;
import dev.inlet.relay.provider.Providers;
import dev.inlet.relay.provider.VerificationConfig;
import dev.inlet.relay.store.IngestStore;
import dev.inlet.relay.verify.Verifier;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the inbound path needs to know about an endpoint, loaded once and cached: its verifier and
 * handshakes are built here from its provider and secrets, not per request.
 */
public record IngestEndpoint(EndpointId id, TenantId tenantId, String name, Provider provider,
    Verifier verifier, HandshakePolicy handshakes, Set<String> redactedHeaders, DedupeRule dedupe,
    int dedupeWindowSeconds, int maxBodyBytes, boolean accepting, boolean tenantSuspended, Integer tenantRatePerSecond,
    List<Target> targets) {

  /** A queue this endpoint routes to, and the filter an event must match to go there. */
  public record Target(long queueId, RouteFilter filter) {}

  /** Never stored or handed on whatever the scheme: they carry credentials, not signatures. */
  static final Set<String> ALWAYS_REDACTED = Set.of("authorization", "proxy-authorization", "cookie");

  public IngestEndpoint {
    targets = List.copyOf(targets);
    redactedHeaders = Set.copyOf(redactedHeaders);
  }

  /** The scheme's name, for metrics and logs. */
  public String scheme() {
    return provider.name();
  }

  static IngestEndpoint from(IngestStore.IngestEndpointRow row, EndpointSecrets secrets) {
    VerificationConfig verification =
        EndpointColumns.verification(secrets.open(row.tenantId(), row.id(), row.verification()));
    Provider provider = Providers.require(verification.scheme());
    List<Target> targets = row.targets().stream()
        .map(target -> new Target(target.queueId(), EndpointColumns.filter(target.filter()))).toList();
    // A suspended tenant's endpoints answer 503 (the provider retries); a deleted one's, 404.
    boolean suspended = "suspended".equals(row.tenantStatus());
    boolean accepting = row.enabled() && ("active".equals(row.tenantStatus()) || suspended);
    Set<String> redacted = new HashSet<>(ALWAYS_REDACTED);
    provider.credentialHeaders(verification).forEach(name -> redacted.add(name.toLowerCase(Locale.ROOT)));
    return new IngestEndpoint(row.id(), row.tenantId(), row.name(), provider, provider.verifier(verification),
        provider.handshakes(verification), redacted, EndpointColumns.dedupe(row.dedupe()), row.dedupeWindowSeconds(),
        row.maxBodyBytes(), accepting, suspended, row.tenantRatePerSecond(), targets);
  }
}
