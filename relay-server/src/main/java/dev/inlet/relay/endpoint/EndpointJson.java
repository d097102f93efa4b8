package dev.inlet.relay.endpoint;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON shapes of an endpoint's parts, shared by the API and the {@code jsonb} columns. The API
 * leaves secrets out ({@code includeSecrets = false}); storage keeps them.
 */
public final class EndpointJson {
  private EndpointJson() {}

  public static JsonObject verification(VerificationConfig config, boolean includeSecrets) {
    JsonObject json = new JsonObject().put("scheme", config.scheme());
    if (includeSecrets) {
      json.put("secrets", new JsonArray(config.secrets()));
      putIfSet(json, "password", config.password());
      putIfSet(json, "verifyToken", config.verifyToken());
    } else {
      json.put("secretCount", config.secrets().size());
    }
    putIfSet(json, "toleranceSeconds", config.toleranceSeconds());
    putIfSet(json, "header", config.header());
    putIfSet(json, "algorithm", config.algorithm());
    putIfSet(json, "encoding", config.encoding());
    putIfSet(json, "prefix", config.prefix());
    putIfSet(json, "timestampHeader", config.timestampHeader());
    putIfSet(json, "username", config.username());
    return json;
  }

  public static VerificationConfig verification(JsonObject json) {
    List<String> secrets = new ArrayList<>();
    JsonArray array = json.getJsonArray("secrets");
    if (array != null) {
      array.forEach(secret -> secrets.add(String.valueOf(secret)));
    }
    return new VerificationConfig(json.getString("scheme"), secrets, json.getInteger("toleranceSeconds"),
        json.getString("header"), json.getString("algorithm"), json.getString("encoding"),
        json.getString("prefix"), json.getString("timestampHeader"), json.getString("username"),
        json.getString("password"), json.getString("verifyToken"));
  }

  public static JsonObject dedupe(DedupeRule rule) {
    if (rule == null) {
      return null;
    }
    JsonObject json = new JsonObject();
    putIfSet(json, "header", rule.header());
    putIfSet(json, "jsonPointer", rule.jsonPointer());
    return json;
  }

  public static DedupeRule dedupe(JsonObject json) {
    return json == null ? null : new DedupeRule(json.getString("header"), json.getString("jsonPointer"));
  }

  public static JsonObject filter(RouteFilter filter) {
    if (filter == null) {
      return null;
    }
    JsonObject json = new JsonObject();
    putIfSet(json, "header", filter.header());
    putIfSet(json, "jsonPointer", filter.jsonPointer());
    return json.put("equals", filter.equals());
  }

  public static RouteFilter filter(JsonObject json) {
    return json == null ? null
        : new RouteFilter(json.getString("header"), json.getString("jsonPointer"), json.getString("equals"));
  }

  public static JsonObject route(Route route) {
    JsonObject json = new JsonObject().put("queue", route.queue());
    if (route.filter() != null) {
      json.put("filter", filter(route.filter()));
    }
    return json;
  }

  public static Route route(JsonObject json) {
    return new Route(json.getString("queue"), filter(json.getJsonObject("filter")));
  }

  private static void putIfSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
