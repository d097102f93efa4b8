package dev.inlet.relay.auth;

import dev.inlet.relay.secret.SecretKeys;
import dev.inlet.relay.store.TenantStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 signing key: {@code INLET_JWT_SECRET} when set, else one generated once and kept in the
 * database — sealed with the relay's secret key — so that every relay node signs and checks with
 * the same key and a copy of the database alone cannot mint tokens.
 */
public final class SigningKeys {
  static final String SETTING = "jwt.hs256.secret";
  private static final String CONTEXT = "setting " + SETTING;

  private SigningKeys() {}

  public static Future<String> load(SqlClient sql, TenantStore settings, String configured, SecretKeys keys) {
    if (configured != null) {
      return Future.succeededFuture(configured);
    }
    byte[] key = new byte[48];
    new SecureRandom().nextBytes(key);
    String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    // Another node may have stored its key first: the stored one wins and everyone uses it.
    return settings.settingPutIfAbsent(sql, SETTING, keys.seal(fresh, CONTEXT)).compose(stored -> {
      String secret = keys.open(stored, CONTEXT);
      if (!keys.needsSealing(stored)) {
        return Future.succeededFuture(secret);
      }
      // Kept in plaintext before sealing existed, or under a previous key: seal it under this one.
      return settings.settingReplace(sql, SETTING, stored, keys.seal(secret, CONTEXT)).map(secret);
    });
  }
}
