package dev.inlet.relay.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** {@code NOTIFY inlet_changes}: a configuration row changed, so other nodes' caches forget it. */
public final class ChangeStore {
  public static final String CHANNEL = "inlet_changes";
  private static final String ANNOUNCE = "select pg_notify('" + CHANNEL + "', $1)";

  public Future<Void> announce(SqlClient sql, String payload) {
    return sql.preparedQuery(ANNOUNCE).execute(Tuple.of(payload)).mapEmpty();
  }
}
