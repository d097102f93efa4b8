package dev.inlet.relay.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** The cheapest round trip to the database, for readiness. */
public final class HealthStore {

  public Future<Void> ping(SqlClient sql) {
    return sql.query("select 1").execute().mapEmpty();
  }
}
