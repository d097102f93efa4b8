package dev.inlet.relay.auth;

import dev.inlet.relay.store.TenantStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 signing key: {@code INLET_JWT_SECRET} when set, else one generated once and kept in the
 * database, so that every relay node signs and checks with the same key.
 */
public final class SigningKeys {
  static final String SETTING = "jwt.hs256.secret";

  private SigningKeys() {}

  public static Future<String> load(SqlClient sql, TenantStore settings, String configured) {
    if (configured != null) {
      return Future.succeededFuture(configured);
    }
    byte[] key = new byte[48];
    new SecureRandom().nextBytes(key);
    // Another node may have stored its key first: the stored one wins and everyone uses it.
    return settings.settingPutIfAbsent(sql, SETTING, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
  }
}
