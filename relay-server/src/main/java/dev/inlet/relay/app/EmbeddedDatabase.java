package dev.inlet.relay.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's packaged binaries) whose data lives under the relay's data
 * directory and survives restarts. Blocking: start it before the event loops serve anything.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts PostgreSQL on {@code dataDir}, first stopping a postmaster orphaned by a killed relay. */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    return start(dataDir, 0, true);
  }

  /**
   * As {@link #start(Path)}, on a given port ({@code 0}: any free one). zonky starts PostgreSQL with
   * {@code fsync} and {@code synchronous_commit} off, which is fine for throw-away test databases
   * but would let an OS crash lose acknowledged events: {@code durable} turns both back on.
   */
  public static EmbeddedDatabase start(Path dataDir, int port, boolean durable) throws IOException {
    Files.createDirectories(dataDir);
    stopOrphanedPostmaster(dataDir);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres postgres = builder
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        // We close it ourselves after Vert.x, so pooled connections never see the server vanish.
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "200")
        // A queue table needs vacuuming often (see V2__queue_vacuum.sql); the default looks once a minute.
        .setServerConfig("autovacuum_naptime", "1s")
        // Later command-line settings win over zonky's -F (fsync off).
        .setServerConfig("fsync", durable ? "on" : "off")
        .setServerConfig("synchronous_commit", durable ? "on" : "off")
        .start();
    log.info("Embedded PostgreSQL listening on 127.0.0.1:{} with data in {}", postgres.getPort(), dataDir);
    return new EmbeddedDatabase(postgres);
  }

  /** A connection URL for the relay's own database on this server. */
  public String url() {
    return "postgresql://postgres@localhost:" + postgres.getPort() + "/postgres";
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      if (afterClose != null) {
        afterClose.close();
      }
    }
  }

  private DataDirLock afterClose;

  /** The relay's hold on its data directory, let go once this database has stopped. */
  void releaseAfterClose(DataDirLock lock) {
    this.afterClose = lock;
  }

  /**
   * After {@code kill -9} of the relay, the postmaster it started keeps running, detached, and holds
   * the data directory. It has no clients left, so a SIGTERM (smart shutdown) ends it cleanly.
   */
  static void stopOrphanedPostmaster(Path dataDir) throws IOException {
    Optional<ProcessHandle> orphan = postmasterOf(dataDir);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier relay", process.pid(), dataDir);
    process.destroy();
    try {
      process.onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      log.warn("PostgreSQL pid {} did not stop in {}; killing it", process.pid(), ORPHAN_STOP_WAIT);
      process.destroyForcibly();
      process.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping an orphaned PostgreSQL", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("Could not stop an orphaned PostgreSQL", e);
    }
  }

  /** The live postmaster named by {@code postmaster.pid}, if that pid is still a postgres process. */
  private static Optional<ProcessHandle> postmasterOf(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    // The pid may have been reused by an unrelated process since: only signal a postgres.
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> isPostgres(p, pid));
  }

  private static boolean isPostgres(ProcessHandle process, long pid) {
    Optional<String> command = process.info().command();
    if (command.isPresent()) {
      return command.get().endsWith("postgres");
    }
    try {
      byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(cmdline, StandardCharsets.UTF_8).contains("postgres");
    } catch (IOException e) {
      return false;
    }
  }
}
