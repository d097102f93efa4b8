package dev.inlet.cli;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/** What {@code forward} and {@code listen} share: the target options, and running until Ctrl-C. */
final class Forwarding {
  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
      description = "Deliveries at once (default ${DEFAULT-VALUE}: in order).")
  int concurrency;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Seconds to wait for the target (default ${DEFAULT-VALUE}).")
  long timeout;

  /** Held, so that its level holds (java.util.logging keeps loggers weakly). */
  private static Logger streamLog;

  /**
   * Forwards until Ctrl-C/SIGTERM (in-flight deliveries finish first) or until the relay refuses the
   * stream for good; returns the exit code.
   */
  int run(URI relay, Connection.Token token, String queue, URI to, Forward.Resign resign) throws InterruptedException {
    // The SDK logs through System.Logger (java.util.logging): nothing from the stream, which
    // RelayStatus reports instead, once per change (its INFO would come per retry).
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "inlet: %4$s %5$s%6$s%n");
    }
    streamLog = Logger.getLogger("dev.inlet.sdk.StreamSubscription");
    streamLog.setLevel(Level.OFF);
    String base = relay.toString().endsWith("/") ? relay.toString().substring(0, relay.toString().length() - 1)
        : relay.toString();
    Forward.Options options = new Forward.Options(URI.create(base), token.value(), queue, to, concurrency,
        Duration.ofSeconds(timeout), token.source());
    CompletableFuture<Void> stop = new CompletableFuture<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.complete(null);
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "inlet-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return Forward.run(options, System.out, System.err, stop, resign);
    } finally {
      stopped.countDown();
    }
  }
}
