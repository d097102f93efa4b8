package dev.inlet.relay.endpoint;

import dev.inlet.relay.provider.VerificationConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The shapes of an endpoint's {@code jsonb} columns: verification (secrets included: this is what
 * is stored, never what the API shows), dedupe rule and route filters. The API's shapes are the
 * HTTP edge's own.
 */
public final class EndpointColumns {
  private EndpointColumns() {}

  public static JsonObject verification(VerificationConfig config) {
    JsonObject json = new JsonObject().put("scheme", config.scheme())
        .put("secrets", new JsonArray(config.secrets()));
    putIfSet(json, "password", config.password());
    putIfSet(json, "verifyToken", config.verifyToken());
    putIfSet(json, "toleranceSeconds", config.toleranceSeconds());
    putIfSet(json, "header", config.header());
    putIfSet(json, "algorithm", config.algorithm());
    putIfSet(json, "encoding", config.encoding());
    putIfSet(json, "prefix", config.prefix());
    putIfSet(json, "timestampHeader", config.timestampHeader());
    putIfSet(json, "username", config.username());
    putIfSet(json, "publicKey", config.publicKey());
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
        json.getString("password"), json.getString("verifyToken"), json.getString("publicKey"));
  }

  public static JsonObject dedupe(DedupeRule rule) {
    if (rule == null) {
      return null;
    }
    JsonObject json = new JsonObject();
    putIfSet(json, "header", rule.header());
    putIfSet(json, "jsonPointer", rule.jsonPointer());
    if (rule.bodyHash()) {
      json.put("bodyHash", true);
    }
    return json;
  }

  public static DedupeRule dedupe(JsonObject json) {
    return json == null ? null
        : new DedupeRule(json.getString("header"), json.getString("jsonPointer"), json.getBoolean("bodyHash", false));
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

  private static void putIfSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
