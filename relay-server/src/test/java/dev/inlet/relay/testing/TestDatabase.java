package dev.inlet.relay.testing;

import dev.inlet.relay.app.EmbeddedDatabase;
import dev.inlet.relay.store.Database;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL server per test JVM: an external one ({@code -Dinlet.test.databaseUrl}), a
 * Testcontainers one where Docker runs, else the embedded one. The schema is migrated once into a
 * template database; each test class gets its own copy ({@code CREATE DATABASE … TEMPLATE}).
 */
public final class TestDatabase {
  private static final String TEMPLATE = "inlet_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static TestDatabase instance;

  private final String serverUrl;

  private TestDatabase(String serverUrl) {
    this.serverUrl = serverUrl;
  }

  public static synchronized TestDatabase get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  /** A fresh, migrated database; its {@code postgresql://} URL. */
  public String newDatabase() {
    String name = "inlet_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    execute("create database " + name + " template " + TEMPLATE);
    return urlOf(name);
  }

  private static TestDatabase start() {
    try {
      String external = System.getProperty("inlet.test.databaseUrl");
      String serverUrl;
      if (external != null && !external.isBlank()) {
        serverUrl = external;
      } else if (dockerAvailable()) {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        serverUrl = "postgresql://" + container.getUsername() + ":" + container.getPassword() + "@"
            + container.getHost() + ":" + container.getMappedPort(5432) + "/" + container.getDatabaseName();
      } else {
        Path dir = Files.createTempDirectory("inlet-test-pg");
        // Throw-away data: no need to wait for the disk.
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dir, 0, false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            embedded.close();
          } catch (Exception ignored) {
            // The JVM is going away.
          }
        }));
        serverUrl = embedded.url();
      }
      TestDatabase database = new TestDatabase(serverUrl);
      database.execute("drop database if exists " + TEMPLATE);
      database.execute("create database " + TEMPLATE);
      Database.fromUrl(database.urlOf(TEMPLATE)).migrate();
      return database;
    } catch (Exception e) {
      throw new IllegalStateException("could not start a PostgreSQL for tests", e);
    }
  }

  private String urlOf(String databaseName) {
    return serverUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + databaseName);
  }

  /** A fresh, migrated database as a JDBC {@link DataSource}, for code that takes one. */
  public DataSource newDataSource() {
    var options = Database.fromUrl(newDatabase()).connectOptions();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl(options));
    dataSource.setUser(options.getUser());
    dataSource.setPassword(options.getPassword());
    return dataSource;
  }

  /** A JDBC connection to the database of a {@code postgresql://} URL (a relay's, for instance). */
  public static Connection connect(String databaseUrl) throws SQLException {
    var options = Database.fromUrl(databaseUrl).connectOptions();
    return DriverManager.getConnection(jdbcUrl(options), options.getUser(), options.getPassword());
  }

  private static String jdbcUrl(PgConnectOptions options) {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  private void execute(String sql) {
    try (Connection connection = connect(serverUrl);
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (Exception e) {
      throw new IllegalStateException("could not run: " + sql, e);
    }
  }

  private static boolean dockerAvailable() {
    if (!dockerMayRun()) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  /**
   * Whether there is anything for Testcontainers to find: a Docker host or its own settings, or one
   * of the usual sockets. Its probe takes about a second (and logs an ERROR) where there is none.
   */
  private static boolean dockerMayRun() {
    if (System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE") != null
        || System.getProperty("os.name", "").startsWith("Windows")) {
      return true;
    }
    Path home = Path.of(System.getProperty("user.home"));
    List<Path> places = new ArrayList<>(List.of(home.resolve(".testcontainers.properties"),
        Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"), home.resolve(".docker/run/docker.sock"),
        home.resolve(".docker/desktop/docker.sock"), home.resolve(".colima/default/docker.sock"),
        home.resolve(".colima/docker.sock"), home.resolve(".rd/docker.sock"), home.resolve(".orbstack/run/docker.sock")));
    String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
    if (runtimeDir != null) {
      places.add(Path.of(runtimeDir, "docker.sock"));
      places.add(Path.of(runtimeDir, "podman/podman.sock"));
    }
    return places.stream().anyMatch(Files::exists);
  }
}
