package dev.inlet.tour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.RelayProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/tour.sh} (the README's tour, {@link TourScriptTest}) run with bash against a fresh
 * packaged relay, as a new user runs it from the repository's root: {@code ./inlet-data} beside
 * {@code bin/inlet}. Every request of it must succeed (its curl fails on an error status).
 */
class TourIT {
  @TempDir Path work;

  @Test
  void theTourRunsAgainstAFreshRelayFromStartToEnd() throws Exception {
    Path dataDir = work.resolve("inlet-data");
    Files.createSymbolicLink(work.resolve("bin"), TourScriptTest.ROOT.resolve("bin"));
    RelayProcess relay = RelayProcess.start(dataDir, RelayProcess.freePort(), "tour");
    try {
      ProcessBuilder builder = new ProcessBuilder("bash", TourScriptTest.ROOT.resolve("docs/tour.sh").toString())
          .directory(work.toFile()).redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("INLET_"));
      builder.environment().put("INLET_URL", relay.baseUrl());
      builder.environment().put("HOME", work.toString());
      builder.environment().put("JAVA", ProcessHandle.current().info().command().orElse("java"));
      Process tour = builder.start();
      byte[] output = tour.getInputStream().readAllBytes();
      assertThat(tour.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String transcript = new String(output, StandardCharsets.UTF_8);
      assertThat(tour.exitValue()).as(transcript).isZero();
      assertThat(transcript)
          .contains("{\"status\":\"ready\",\"database\":\"up\"}")
          .contains("\"name\":\"stripe-prod\"")
          .contains("\"type\":\"invoice.paid\"")
          .contains("202 {\"eventId\":\"evt_")
          .containsPattern("(?s)204\\n.*204\\n")
          .containsPattern("(?m)^orders\\s+30\\s+10")
          .contains("\"status\":400")
          .doesNotContain("409");
    } finally {
      relay.close();
    }
  }
}
