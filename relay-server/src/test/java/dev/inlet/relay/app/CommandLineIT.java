package dev.inlet.relay.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar inlet-relay.jar --help | --version} answer and exit without starting anything (no
 * data directory, no database, no port); an unknown argument is refused with status 2.
 */
class CommandLineIT {
  @TempDir Path dataDir;

  record Run(int exit, String out, String err) {}

  private Run jar(String... args) throws Exception {
    Path jar = Path.of(System.getProperty("inlet.relayJar", "target/inlet-relay.jar"));
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toAbsolutePath().toString()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("INLET_DATA_DIR", dataDir.resolve("data").toString());
    builder.environment().put("INLET_HTTP_HOST", "127.0.0.1");
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("it exits by itself").isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void helpAndVersionAnswerWithoutStartingARelay() throws Exception {
    Run help = jar("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: java -jar inlet-relay.jar [--help | --version]")
        .contains("INLET_DATABASE_URL").contains("docs/operations.md");
    assertThat(help.out() + help.err()).doesNotContain("listening").doesNotContain("Inlet is ready");

    Run version = jar("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out().strip()).matches("inlet-relay \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");

    assertThat(jar("-h").out()).isEqualTo(help.out());
    assertThat(Files.exists(dataDir.resolve("data"))).as("nothing was started").isFalse();
  }

  @Test
  void anUnknownArgumentIsRefusedRatherThanIgnored() throws Exception {
    Run bogus = jar("--port", "9090");
    assertThat(bogus.exit()).isEqualTo(2);
    assertThat(bogus.err()).contains("unknown argument '--port'").contains("INLET_*").contains("--help");
    assertThat(Files.exists(dataDir.resolve("data"))).isFalse();
  }
}
