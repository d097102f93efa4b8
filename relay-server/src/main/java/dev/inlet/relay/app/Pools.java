package dev.inlet.relay.app;

import dev.inlet.relay.store.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * The node's connection pools, one per kind of work so that none can starve another: a flood of
 * webhooks cannot keep a consumer's token check or an admin's request waiting for a connection.
 *
 * @param ingest group commits and endpoint lookups (durable commits)
 * @param admin the admin API, replay, purge, housekeeping, readiness (durable commits)
 * @param auth the token check of every authenticated request
 * @param consume leases and settles (asynchronous commits: a lost one means a redelivery)
 */
record Pools(Pool ingest, Pool admin, Pool auth, Pool consume) {

  static Pools open(Database database, Vertx vertx, RelayConfig config) {
    return new Pools(database.pool(vertx, config.databasePoolSize(), "inlet-ingest"),
        database.pool(vertx, config.adminPoolSize(), "inlet-admin"),
        database.pool(vertx, config.authPoolSize(), "inlet-auth"),
        database.asyncCommitPool(vertx, config.databasePoolSize()));
  }
}
