package dev.inlet.relay.endpoint;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.secret.SecretKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Seals and opens the secret fields of an endpoint's stored verification ({@code secrets},
 * {@code password}, {@code verifyToken}); the other fields stay readable in the database. Each
 * field is bound to its tenant, endpoint and name, so a sealed value cannot be moved elsewhere.
 */
public final class EndpointSecrets {
  static final List<String> SECRET_FIELDS = List.of("password", "verifyToken");
  static final String SECRETS = "secrets";

  private final SecretKeys keys;

  public EndpointSecrets(SecretKeys keys) {
    this.keys = keys;
  }

  /** A copy of {@code verification} with every secret field sealed under the current key. */
  public JsonObject seal(TenantId tenant, EndpointId id, JsonObject verification) {
    return map(tenant, id, verification, (value, context) -> keys.needsSealing(value)
        ? keys.seal(keys.open(value, context), context) : value);
  }

  /** A copy of {@code verification} with every secret field in plaintext, for verifying. */
  public JsonObject open(TenantId tenant, EndpointId id, JsonObject verification) {
    return map(tenant, id, verification, keys::open);
  }

  /** One entry of {@code secrets}, sealed (a secret the provider disclosed in its handshake). */
  public String sealSecret(TenantId tenant, EndpointId id, String secret) {
    return keys.seal(secret, context(tenant, id, SECRETS));
  }

  /** Whether any secret field is in plaintext or sealed under a previous key. */
  public boolean needsSealing(JsonObject verification) {
    if (verification == null) {
      return false;
    }
    JsonArray secrets = verification.getJsonArray(SECRETS);
    if (secrets != null) {
      for (Object secret : secrets) {
        if (secret instanceof String s && keys.needsSealing(s)) {
          return true;
        }
      }
    }
    return SECRET_FIELDS.stream().map(verification::getString)
        .anyMatch(value -> value != null && keys.needsSealing(value));
  }

  private static JsonObject map(TenantId tenant, EndpointId id, JsonObject verification,
      BinaryOperator<String> change) {
    if (verification == null) {
      return null;
    }
    JsonObject copy = verification.copy();
    JsonArray secrets = copy.getJsonArray(SECRETS);
    if (secrets != null) {
      String context = context(tenant, id, SECRETS);
      JsonArray changed = new JsonArray();
      secrets.forEach(secret -> changed.add(secret instanceof String s ? change.apply(s, context) : secret));
      copy.put(SECRETS, changed);
    }
    for (String field : SECRET_FIELDS) {
      String value = copy.getString(field);
      if (value != null) {
        copy.put(field, change.apply(value, context(tenant, id, field)));
      }
    }
    return copy;
  }

  private static String context(TenantId tenant, EndpointId id, String field) {
    return "endpoint " + tenant.value() + "/" + id.value() + " " + field;
  }
}
