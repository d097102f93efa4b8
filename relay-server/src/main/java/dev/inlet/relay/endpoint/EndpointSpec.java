package dev.inlet.relay.endpoint;

import dev.inlet.relay.provider.VerificationConfig;
import java.util.List;

/**
 * An endpoint as a client describes it, for create (null fields take defaults) or update (null
 * fields stay as they are; {@code verification} and {@code routes} are replaced whole when given).
 */
public record EndpointSpec(String name, VerificationConfig verification, DedupeRule dedupe,
    Integer dedupeWindowSeconds, Integer maxBodyBytes, Boolean enabled, List<Route> routes) {}
