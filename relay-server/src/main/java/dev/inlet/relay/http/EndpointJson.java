package dev.inlet.relay.http;

import dev.inlet.relay.endpoint.DedupeRule;
import dev.inlet.relay.endpoint.EndpointSpec;
import dev.inlet.relay.endpoint.Route;
import dev.inlet.relay.endpoint.RouteFilter;
import dev.inlet.relay.endpoint.VerificationSummary;
import dev.inlet.relay.provider.VerificationConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's JSON shapes of an endpoint's parts (see openapi/inlet.yaml): read from request bodies,
 * written from a {@link VerificationSummary}, which holds no secret to write.
 */
final class EndpointJson {
  private EndpointJson() {}

  static JsonObject verification(VerificationSummary summary) {
    JsonObject json = new JsonObject().put("scheme", summary.scheme()).put("secretCount", summary.secretCount());
    putIfSet(json, "toleranceSeconds", summary.toleranceSeconds());
    putIfSet(json, "header", summary.header());
    putIfSet(json, "algorithm", summary.algorithm());
    putIfSet(json, "encoding", summary.encoding());
    putIfSet(json, "prefix", summary.prefix());
    putIfSet(json, "timestampHeader", summary.timestampHeader());
    putIfSet(json, "username", summary.username());
    putIfSet(json, "publicKey", summary.publicKey());
    return json;
  }

  static JsonObject dedupe(DedupeRule rule) {
    JsonObject json = new JsonObject();
    putIfSet(json, "header", rule.header());
    putIfSet(json, "jsonPointer", rule.jsonPointer());
    if (rule.bodyHash()) {
      json.put("bodyHash", true);
    }
    return json;
  }

  static JsonObject route(Route route) {
    JsonObject json = new JsonObject().put("queue", route.queue());
    RouteFilter filter = route.filter();
    if (filter != null) {
      JsonObject filterJson = new JsonObject();
      putIfSet(filterJson, "header", filter.header());
      putIfSet(filterJson, "jsonPointer", filter.jsonPointer());
      json.put("filter", filterJson.put("equals", filter.equals()));
    }
    return json;
  }

  /** A create or update body; what it leaves out is null. */
  static EndpointSpec spec(JsonObject body) {
    JsonObject verification = body.getJsonObject("verification");
    JsonArray routeJson = body.getJsonArray("routes");
    List<Route> routes = null;
    if (routeJson != null) {
      routes = new ArrayList<>();
      for (int i = 0; i < routeJson.size(); i++) {
        JsonObject route = routeJson.getJsonObject(i);
        JsonObject filter = route.getJsonObject("filter");
        routes.add(new Route(route.getString("queue"), filter == null ? null
            : new RouteFilter(filter.getString("header"), filter.getString("jsonPointer"), filter.getString("equals"))));
      }
    }
    JsonObject dedupe = body.getJsonObject("dedupe");
    return new EndpointSpec(body.getString("name"), verification == null ? null : verificationConfig(verification),
        dedupe == null ? null
            : new DedupeRule(dedupe.getString("header"), dedupe.getString("jsonPointer"), dedupe.getBoolean("bodyHash", false)),
        body.getInteger("dedupeWindowSeconds"), body.getInteger("maxBodyBytes"), body.getBoolean("enabled"), routes);
  }

  private static VerificationConfig verificationConfig(JsonObject json) {
    List<String> secrets = new ArrayList<>();
    JsonArray array = json.getJsonArray("secrets");
    if (array != null) {
      array.forEach(secret -> secrets.add(String.valueOf(secret)));
    }
    return new VerificationConfig(json.getString("scheme"), secrets, json.getInteger("toleranceSeconds"),
        json.getString("header"), json.getString("algorithm"), json.getString("encoding"),
        json.getString("prefix"), json.getString("timestampHeader"), json.getString("username"),
        json.getString("password"), json.getString("verifyToken"), json.getString("publicKey"));
  }

  private static void putIfSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
