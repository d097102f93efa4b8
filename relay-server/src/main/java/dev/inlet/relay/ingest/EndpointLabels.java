package dev.inlet.relay.ingest;

import dev.inlet.relay.id.EndpointId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code endpoint} label of per-endpoint ingest meters, behind a cardinality guard: the first
 * {@code max} endpoints a node sees keep their own name (never their id: the id is the capability
 * URL a provider posts to); every endpoint after them counts as {@code endpoint="_other"} of its
 * tenant, so a tenant creating thousands of endpoints cannot blow up the scrape.
 */
public final class EndpointLabels {
  /** The endpoint label of every endpoint over the limit. */
  public static final String OTHER = "_other";

  private final int max;
  private final Map<EndpointId, Boolean> named = new ConcurrentHashMap<>();

  public EndpointLabels(int max) {
    this.max = max;
  }

  /** The endpoint's name while there is room (or it already has a place), else {@link #OTHER}. */
  public String label(IngestEndpoint endpoint) {
    if (named.containsKey(endpoint.id())) {
      return endpoint.name();
    }
    synchronized (named) {
      if (named.size() < max) {
        named.put(endpoint.id(), Boolean.TRUE);
        return endpoint.name();
      }
    }
    return OTHER;
  }
}
