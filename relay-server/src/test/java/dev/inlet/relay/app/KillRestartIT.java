package dev.inlet.relay.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged relay ({@code java -jar inlet-relay.jar}) killed with SIGKILL leaves its PostgreSQL
 * running, detached; the next start on the same data directory must still come up with the data.
 */
class KillRestartIT {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private final HttpClient http = HttpClient.newHttpClient();
  private Process relay;

  @TempDir
  Path dataDir;

  @AfterEach
  void stopRelay() throws Exception {
    if (relay != null && relay.isAlive()) {
      relay.destroy();
      relay.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void restartAfterKillMinus9KeepsTenantsAndStopsTheOrphanedPostgres() throws Exception {
    int port = freePort();
    relay = startRelay(port, "first");
    String operatorToken = Files.readString(dataDir.resolve("operator-token")).trim();
    assertThat(post(port, "/v1/tenants", operatorToken, "{\"name\":\"survivor\"}").statusCode()).isEqualTo(201);

    long postmasterPid = postmasterPid();
    assertThat(ProcessHandle.of(postmasterPid)).isPresent();
    relay.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).as("orphaned postmaster").contains(true);

    relay = startRelay(port, "second");
    assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    HttpResponse<String> tenants = get(port, "/v1/tenants", operatorToken);
    assertThat(tenants.statusCode()).isEqualTo(200);
    assertThat(tenants.body()).contains("\"survivor\"", "\"default\"");

    long secondPostmaster = postmasterPid();
    relay.destroy();
    assertThat(relay.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Optional<ProcessHandle> left = ProcessHandle.of(secondPostmaster);
    if (left.isPresent()) {
      assertThat(left.get().onExit().get(30, TimeUnit.SECONDS).isAlive()).as("postgres after SIGTERM").isFalse();
    }
  }

  private Process startRelay(int port, String name) throws Exception {
    Path jar = Path.of(System.getProperty("inlet.relayJar", "target/inlet-relay.jar"));
    assertThat(jar).exists();
    ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-jar", jar.toAbsolutePath().toString())
        .redirectErrorStream(true)
        .redirectOutput(Path.of("target", "kill-restart-" + name + ".log").toFile());
    builder.environment().put("INLET_DATA_DIR", dataDir.toString());
    builder.environment().put("INLET_HTTP_HOST", "127.0.0.1");
    builder.environment().put("INLET_HTTP_PORT", Integer.toString(port));
    Process process = builder.start();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("relay process %s is running", name).isTrue();
      try {
        if (get(port, "/readyz", null).statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new AssertionError("relay did not become ready within " + READY_TIMEOUT);
  }

  private long postmasterPid() throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String token, String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
