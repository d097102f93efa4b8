package dev.inlet.relay.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A queue of one tenant and an endpoint (scheme {@code none}) routed to it, made by
 * {@link RelayExtension#newQueue}: ingest into it as a provider would, read its stats, end its
 * leases and delays without waiting for them.
 */
public final class TestQueue {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The queue's name. */
  public final String name;
  /** The endpoint that feeds it ({@code ep_…}). */
  public final String endpointId;
  private final Api.TenantAccess tenant;
  private final RelayExtension relay;

  TestQueue(String name, String endpointId, Api.TenantAccess tenant, RelayExtension relay) {
    this.name = name;
    this.endpointId = endpointId;
    this.tenant = tenant;
    this.relay = relay;
  }

  /** POSTs {@code body} to the endpoint, {@code headers} given as name, value, …; the event id (a duplicate's too). */
  public String ingest(String contentType, byte[] body, String... headers) {
    Map<String, String> all = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      all.put(headers[i], headers[i + 1]);
    }
    all.put("Content-Type", contentType);
    HttpResponse<String> response = relay.inbound().post(endpointId, body, all);
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
    }
    return read(response.body()).path("eventId").asText();
  }

  public String ingestJson(String json) {
    return ingest("application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** The queue's stats: ready, delayed, leased, dead, … */
  public JsonNode stats() {
    return relay.api().read(tenant.adminToken(), "/v1/queues/" + name).path("stats");
  }

  /** Ends the queue's running leases now (see {@link RelayDatabase#expireLeases}); how many. */
  public int expireLeases() {
    return relay.database().expireLeases(tenant.id(), name);
  }

  /** Ends the queue's nack delays now; how many. */
  public int endDelays() {
    return relay.database().endDelays(tenant.id(), name);
  }

  /** As if {@code by} had gone by for the queue's messages (see {@link RelayDatabase#ageMessages}). */
  public int ageMessages(Duration by) {
    return relay.database().ageMessages(tenant.id(), name, by);
  }

  /** Makes one message of the tenant ({@code msg_…}) visible now; whether it was there to make so. */
  public boolean makeVisible(String messageId) {
    return relay.database().makeVisible(tenant.id(), messageId);
  }

  private static JsonNode read(String body) {
    try {
      return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
