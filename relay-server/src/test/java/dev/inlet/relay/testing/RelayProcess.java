package dev.inlet.relay.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The packaged relay ({@code java -jar inlet-relay.jar}) in a process of its own, on embedded PostgreSQL. */
public final class RelayProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Where each process's output goes: the module's target when run by Maven's test plugins. */
  private static final Path LOG_DIR = Path.of(System.getProperty("inlet.relayLogDir", "target"));

  private final Process process;
  private final int port;

  private RelayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the jar on {@code dataDir} and {@code port}, and waits until {@code /readyz} answers 200. */
  public static RelayProcess start(Path dataDir, int port, String logName) throws Exception {
    return start(dataDir, port, logName, java.util.Map.of());
  }

  /** As {@link #start(Path, int, String)}, with some {@code INLET_*} settings of the test's own. */
  public static RelayProcess start(Path dataDir, int port, String logName, java.util.Map<String, String> settings)
      throws Exception {
    Path jar = Path.of(System.getProperty("inlet.relayJar", "target/inlet-relay.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("no relay jar at " + jar.toAbsolutePath() + "; run mvn verify");
    }
    ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-jar", jar.toAbsolutePath().toString())
        .redirectErrorStream(true)
        .redirectOutput(logFile(logName).toFile());
    builder.environment().put("INLET_DATA_DIR", dataDir.toString());
    builder.environment().put("INLET_HTTP_HOST", "127.0.0.1");
    builder.environment().put("INLET_HTTP_PORT", Integer.toString(port));
    builder.environment().putAll(settings);
    RelayProcess relay = new RelayProcess(builder.start(), port);
    relay.awaitReady();
    return relay;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Process process() {
    return process;
  }

  /** Where the process's output goes. */
  public static Path logFile(String logName) {
    return LOG_DIR.resolve(logName + ".log");
  }

  /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left behind. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  public HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String token, String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM, and wait for the clean shutdown. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitReady() throws Exception {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("relay process exited with " + process.exitValue());
      }
      try {
        if (get("/readyz", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("relay did not become ready within " + READY_TIMEOUT);
  }
}
