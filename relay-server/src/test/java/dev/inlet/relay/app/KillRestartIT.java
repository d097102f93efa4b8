package dev.inlet.relay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.RelayProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged relay killed with SIGKILL leaves its PostgreSQL running, detached; the next start on
 * the same data directory must still come up with the data.
 */
class KillRestartIT {
  @TempDir
  Path dataDir;

  @Test
  void restartAfterKillMinus9KeepsTenantsAndStopsTheOrphanedPostgres() throws Exception {
    int port = RelayProcess.freePort();
    String operatorToken;
    long postmasterPid;
    try (RelayProcess first = RelayProcess.start(dataDir, port, "kill-restart-first")) {
      operatorToken = Files.readString(dataDir.resolve("operator-token")).trim();
      assertThat(first.post("/v1/tenants", operatorToken, "{\"name\":\"survivor\"}").statusCode()).isEqualTo(201);
      postmasterPid = postmasterPid();
      first.kill();
    }
    assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).as("orphaned postmaster").contains(true);

    long secondPostmaster;
    try (RelayProcess second = RelayProcess.start(dataDir, port, "kill-restart-second")) {
      assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      HttpResponse<String> tenants = second.get("/v1/tenants", operatorToken);
      assertThat(tenants.statusCode()).isEqualTo(200);
      assertThat(tenants.body()).contains("\"survivor\"", "\"default\"");
      secondPostmaster = postmasterPid();
    }
    Optional<ProcessHandle> left = ProcessHandle.of(secondPostmaster);
    if (left.isPresent()) {
      assertThat(left.get().onExit().get(30, TimeUnit.SECONDS).isAlive()).as("postgres after SIGTERM").isFalse();
    }
  }

  private long postmasterPid() throws Exception {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
  }
}
