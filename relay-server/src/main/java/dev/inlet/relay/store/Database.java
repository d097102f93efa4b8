package dev.inlet.relay.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connection settings for the relay's database, the shared pool, and schema migrations. */
public final class Database {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final PgConnectOptions connectOptions;

  private Database(PgConnectOptions connectOptions) {
    this.connectOptions = connectOptions;
  }

  /** Statements up to this long are prepared once per connection. */
  static final int MAX_CACHED_SQL_LENGTH = 8_192;

  /** From a {@code postgresql://user:password@host:port/database} URL. */
  public static Database fromUrl(String url) {
    PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^postgres://", "postgresql://"));
    if (options.getUser() == null || options.getUser().isEmpty()) {
      options.setUser("postgres");
    }
    options.setPipeliningLimit(256);
    // Named prepared statements, parsed once per connection: PostgreSQL can then reuse a plan
    // instead of planning every lease and ack again (that took as long as running them).
    options.setCachePreparedStatements(true);
    // Vert.x caches statements under 2,048 characters by default; the consumer statements, which
    // record delivery attempts in the same statement, are longer.
    options.setPreparedStatementCacheSqlFilter(sql -> sql.length() < MAX_CACHED_SQL_LENGTH);
    return new Database(options);
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(connectOptions);
  }

  /**
   * The durable pool: its commits wait for the disk ({@code synchronous_commit=on}, set at connection
   * start, so a server or database configured otherwise cannot make a 202 unsafe). Ingest, admin
   * writes, replay, purge and redrive go through it.
   */
  public Pool pool(Vertx vertx, int maxSize) {
    return pool(vertx, maxSize, "inlet");
  }

  /** A durable pool with a name of its own (one per kind of work). */
  public Pool pool(Vertx vertx, int maxSize, String name) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setName(name).setShared(false).setConnectionTimeout(10))
        .connectingTo(connectOptions().addProperty("synchronous_commit", "on").setMetricsName(name))
        .using(vertx)
        .build();
  }

  /**
   * A pool whose commits do not wait for the disk ({@code synchronous_commit=off}, set at connection
   * start). For consumer state only — leases, acks, nacks: if the database server crashes, the last
   * few hundred milliseconds of them may be forgotten, and those messages are delivered again.
   * Nothing acknowledged to a provider goes through it.
   */
  public Pool asyncCommitPool(Vertx vertx, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setName("inlet-consume").setShared(false).setConnectionTimeout(10))
        .connectingTo(connectOptions().addProperty("synchronous_commit", "off").setMetricsName("inlet-consume"))
        .using(vertx)
        .build();
  }

  /** Runs pending Flyway migrations. Blocking: call it before serving, or in executeBlocking. */
  public void migrate() {
    String jdbcUrl = "jdbc:postgresql://" + connectOptions.getHost() + ":" + connectOptions.getPort() + "/"
        + connectOptions.getDatabase();
    Flyway flyway = Flyway.configure()
        .dataSource(jdbcUrl, connectOptions.getUser(), connectOptions.getPassword())
        .locations("classpath:db/migration")
        .loggers("slf4j")
        .load();
    MigrateResult result = flyway.migrate();
    // targetSchemaVersion is null when nothing was pending: the version is then the current one.
    MigrationInfo current = flyway.info().current();
    String version = current == null ? "none" : current.getVersion().getVersion();
    if (result.migrationsExecuted == 0) {
      log.info("Database schema at version {} (up to date, no migration applied)", version);
    } else {
      log.info("Database schema at version {} ({} migration(s) applied, from {})", version,
          result.migrationsExecuted, result.initialSchemaVersion == null ? "an empty database" : "version "
              + result.initialSchemaVersion);
    }
  }
}
