package dev.inlet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged CLI ({@code bin/inlet}, so {@code inlet-cli/target/inlet.jar}) in a process of its own. */
final class CliProcess implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("inlet.root", "..")).toAbsolutePath().normalize();
  static final Path LAUNCHER = ROOT.resolve("bin/inlet");

  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();

  private CliProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), out);
    pump(process.getErrorStream(), err);
  }

  static CliProcess start(Map<String, String> env, String... args) throws IOException {
    if (!Files.isExecutable(LAUNCHER) || !Files.exists(ROOT.resolve("inlet-cli/target/inlet.jar"))) {
      throw new IllegalStateException("no " + LAUNCHER + " or inlet-cli/target/inlet.jar; run mvn verify");
    }
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("INLET_"));
    builder.environment().put("JAVA", ProcessHandle.current().info().command().orElse("java"));
    builder.environment().putAll(env);
    return new CliProcess(builder.start());
  }

  /** Runs to its end (at most a minute). */
  static CliProcess run(Map<String, String> env, String... args) throws Exception {
    CliProcess p = start(env, args);
    if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
      p.process.destroyForcibly();
      throw new IllegalStateException("inlet " + String.join(" ", args) + " still running after 60 s: " + p);
    }
    p.process.getInputStream().close();
    Thread.sleep(100); // the pumps' last reads
    return p;
  }

  int exitCode() {
    return process.exitValue();
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** Waits until stdout or stderr (both) matches {@code pattern}; its first group. */
  String await(Pattern pattern, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = pattern.matcher(out + "\n" + err);
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + pattern + " within " + within + " in\n" + this);
  }

  static void until(Predicate<Void> condition, Duration within, Object context) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!condition.test(null)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + within + ": " + context);
      }
      Thread.sleep(50);
    }
  }

  /** SIGTERM, as Ctrl-C; waits for it to end. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "--- stdout\n" + out + "--- stderr\n" + err;
  }

  private static void pump(InputStream in, StringBuffer into) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException closed) {
        // the process ended
      }
    }, "cli-pump");
    t.setDaemon(true);
    t.start();
  }
}
