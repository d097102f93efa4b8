package dev.inlet.relay.http;

import dev.inlet.relay.auth.MintedToken;
import dev.inlet.relay.auth.TokenRecord;
import dev.inlet.relay.endpoint.Endpoint;
import dev.inlet.relay.envelope.Times;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.QueueRateRecorder;
import dev.inlet.relay.queue.QueueService;
import dev.inlet.relay.queue.QueueStats;
import dev.inlet.relay.tenant.Tenant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** The API's response shapes (see openapi/inlet.yaml), kept apart from the domain records. */
final class ApiJson {
  private ApiJson() {}

  /** RFC 3339 in UTC, always with seconds (OffsetDateTime.toString drops zero seconds). */
  static String time(OffsetDateTime time) {
    return Times.rfc3339(time);
  }

  static JsonObject tenant(Tenant tenant) {
    return new JsonObject()
        .put("id", tenant.id().value())
        .put("name", tenant.name())
        .put("status", tenant.status())
        .put("ingestRatePerSecond", tenant.ingestRatePerSecond())
        .put("retentionSeconds", tenant.retentionSeconds())
        .put("quotas", new JsonObject()
            .put("maxQueues", tenant.quotas().maxQueues())
            .put("maxEndpoints", tenant.quotas().maxEndpoints())
            .put("maxBacklogPerQueue", tenant.quotas().maxBacklogPerQueue())
            .put("maxStoredBytes", tenant.quotas().maxStoredBytes()))
        .put("createdAt", time(tenant.createdAt()));
  }

  static JsonObject minted(MintedToken token) {
    return new JsonObject()
        .put("id", token.id().value())
        .put("token", token.jwt())
        .put("scopes", new JsonArray(token.scopes()))
        .put("expiresAt", time(token.expiresAt()));
  }

  static JsonObject token(TokenRecord token) {
    return new JsonObject()
        .put("id", token.id().value())
        .put("scopes", new JsonArray(token.scopes()))
        .put("expiresAt", time(token.expiresAt()))
        .put("revokedAt", time(token.revokedAt()))
        .put("createdAt", time(token.createdAt()));
  }

  static JsonObject queue(Queue queue) {
    return new JsonObject()
        .put("name", queue.name())
        .put("leaseSeconds", queue.leaseSeconds())
        .put("maxAttempts", queue.maxAttempts())
        .put("retentionSeconds", queue.retentionSeconds())
        .put("paused", queue.paused())
        .put("createdAt", time(queue.createdAt()))
        .put("updatedAt", time(queue.updatedAt()));
  }

  static JsonObject queue(Queue queue, QueueStats stats) {
    return queue(queue).put("stats", new JsonObject()
        .put("ready", stats.ready())
        .put("delayed", stats.delayed())
        .put("leased", stats.leased())
        .put("dead", stats.dead())
        .put("oldestReadyAgeSeconds", stats.oldestReadyAgeSeconds())
        .put("paused", queue.paused()));
  }

  /** A queue, its depth and its in/out rates per minute. */
  static JsonObject queue(QueueService.QueueWithStats found) {
    JsonArray perMinute = new JsonArray();
    found.rates().forEach(minute -> perMinute.add(new JsonObject()
        .put("minute", time(minute.minute())).put("in", minute.in()).put("out", minute.out())));
    return queue(found.queue(), found.stats()).put("rates", new JsonObject()
        .put("windowMinutes", QueueRateRecorder.WINDOW_MINUTES).put("perMinute", perMinute));
  }

  static JsonObject endpoint(Endpoint endpoint, String publicUrl) {
    JsonArray routes = new JsonArray();
    endpoint.routes().forEach(route -> routes.add(EndpointJson.route(route)));
    JsonObject json = new JsonObject()
        .put("id", endpoint.id().value())
        .put("name", endpoint.name())
        .put("url", publicUrl + "/in/" + endpoint.id().value())
        .put("verification", EndpointJson.verification(endpoint.verification()))
        .put("routes", routes)
        .put("maxBodyBytes", endpoint.maxBodyBytes())
        .put("dedupeWindowSeconds", endpoint.dedupeWindowSeconds())
        .put("enabled", endpoint.enabled())
        .put("createdAt", time(endpoint.createdAt()))
        .put("updatedAt", time(endpoint.updatedAt()));
    if (endpoint.dedupe() != null) {
      json.put("dedupe", EndpointJson.dedupe(endpoint.dedupe()));
    }
    return json;
  }
}
