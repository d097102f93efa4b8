package dev.inlet.relay.bench;

import dev.inlet.relay.app.EmbeddedDatabase;
import dev.inlet.relay.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/** One embedded PostgreSQL in a temp dir, handing each phase a fresh migrated database. */
final class BenchDatabase implements AutoCloseable {
  private final Path dir;
  private final EmbeddedDatabase server;

  private BenchDatabase(Path dir, EmbeddedDatabase server) {
    this.dir = dir;
    this.server = server;
  }

  static BenchDatabase start() throws IOException {
    Path dir = Files.createTempDirectory("inlet-bench-pg");
    return new BenchDatabase(dir, EmbeddedDatabase.start(dir.resolve("postgres")));
  }

  /** The server's postmaster, for its CPU time ({@link ProcessCpu}). */
  long postmasterPid() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      Path pidFile = files.filter(f -> f.getFileName().toString().equals("postmaster.pid")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no postmaster.pid under " + dir));
      return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }
  }

  /** Creates {@code name}, migrates it, and returns its {@code postgresql://} URL. */
  String newDatabase(String name) throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    String url = server.url().replaceFirst("/postgres$", "/" + name);
    Database.fromUrl(url).migrate();
    return url;
  }

  /** {@code select version()} and the durability settings that decide what a commit costs. */
  String describe() throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      return query(s, "select version()") + "; synchronous_commit=" + query(s, "show synchronous_commit")
          + ", fsync=" + query(s, "show fsync");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/" + database, "postgres", "");
  }

  private static String query(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
