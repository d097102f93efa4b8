package dev.inlet.relay.http;

import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.problem.InletProblem;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query-parameter rules of one contract operation, read from openapi/inlet.yaml and checked
 * without the general schema validator. vertx-openapi builds a new schema validator, copying every
 * schema of the contract, for each value it checks; on the hottest consumer routes ({@code next},
 * {@code ack}, {@code stream}) that was a quarter of the relay's CPU. Their parameters are simple
 * (integers in a range, enums, a pattern), so the same rules are applied here from the same source.
 */
final class QueryChecks implements Handler<RoutingContext> {

  private record Rule(String name, boolean required, String type, Long minimum, Long maximum, List<String> values,
      Pattern pattern, Integer maxLength) {}

  private final List<Rule> rules;

  private QueryChecks(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The query rules of {@code operationId}; fails (at start) on a schema shape it cannot check. */
  static QueryChecks forOperation(JsonObject contract, String operationId) {
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        Object operation = item.getValue(method);
        if (operation instanceof JsonObject && operationId.equals(((JsonObject) operation).getString("operationId"))) {
          List<Rule> rules = new ArrayList<>();
          collect(contract, item.getJsonArray("parameters"), rules);
          collect(contract, ((JsonObject) operation).getJsonArray("parameters"), rules);
          return new QueryChecks(rules);
        }
      }
    }
    throw new IllegalStateException("no operation " + operationId + " in the contract");
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    List<FieldError> errors = new ArrayList<>();
    for (Rule rule : rules) {
      String value = query.get(rule.name());
      if (value == null) {
        if (rule.required()) {
          errors.add(new FieldError("?" + rule.name(), "is required"));
        }
        continue;
      }
      String problem = check(rule, value);
      if (problem != null) {
        errors.add(new FieldError("?" + rule.name(), problem));
      }
    }
    if (!errors.isEmpty()) {
      ctx.fail(InletProblem.invalid(errors));
      return;
    }
    ctx.next();
  }

  private static String check(Rule rule, String value) {
    switch (rule.type()) {
      case "integer": {
        long number;
        try {
          number = Long.parseLong(value);
        } catch (NumberFormatException e) {
          return "must be a whole number";
        }
        if (rule.minimum() != null && number < rule.minimum()) {
          return number + " is less than " + rule.minimum();
        }
        if (rule.maximum() != null && number > rule.maximum()) {
          return number + " is greater than " + rule.maximum();
        }
        return null;
      }
      case "boolean":
        return "true".equals(value) || "false".equals(value) ? null : "must be true or false";
      default:
        if (rule.values() != null && !rule.values().contains(value)) {
          return "must be one of " + rule.values();
        }
        if (rule.maxLength() != null && value.length() > rule.maxLength()) {
          return "is longer than " + rule.maxLength() + " characters";
        }
        if (rule.pattern() != null && !rule.pattern().matcher(value).find()) {
          return "does not have the expected form";
        }
        return null;
    }
  }

  private static void collect(JsonObject contract, JsonArray parameters, List<Rule> rules) {
    if (parameters == null) {
      return;
    }
    for (int i = 0; i < parameters.size(); i++) {
      JsonObject parameter = resolve(contract, parameters.getJsonObject(i));
      if (!"query".equals(parameter.getString("in"))) {
        continue;
      }
      JsonObject schema = resolve(contract, parameter.getJsonObject("schema", new JsonObject()));
      String type = schema.getString("type", "string");
      if (!List.of("integer", "boolean", "string").contains(type)) {
        throw new IllegalStateException("cannot check query parameter " + parameter.getString("name") + " of type " + type);
      }
      JsonArray values = schema.getJsonArray("enum");
      List<String> allowed = null;
      if (values != null) {
        allowed = new ArrayList<>();
        for (Object value : values) {
          allowed.add(String.valueOf(value));
        }
      }
      String pattern = schema.getString("pattern");
      rules.add(new Rule(parameter.getString("name"), parameter.getBoolean("required", false), type,
          number(schema, "minimum"), number(schema, "maximum"), allowed,
          pattern == null ? null : Pattern.compile(pattern), schema.getInteger("maxLength")));
    }
  }

  private static Long number(JsonObject schema, String key) {
    Number value = schema.getNumber(key);
    return value == null ? null : value.longValue();
  }

  /** Follows a local {@code $ref} ({@code #/components/...}); the contract's refs are one level deep. */
  private static JsonObject resolve(JsonObject contract, JsonObject node) {
    JsonObject current = node;
    for (int depth = 0; depth < 8 && current.containsKey("$ref"); depth++) {
      String ref = current.getString("$ref");
      JsonObject target = contract;
      for (String part : ref.substring(2).split("/")) {
        target = target.getJsonObject(part);
      }
      JsonObject merged = target.copy();
      for (Map.Entry<String, Object> entry : current) {
        if (!entry.getKey().equals("$ref")) {
          merged.put(entry.getKey(), entry.getValue());
        }
      }
      current = merged;
    }
    return current;
  }
}
