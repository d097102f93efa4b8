package dev.inlet.relay.app;

import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar inlet-relay.jar}: configuration from the environment, then run until stopped;
 * {@code --help} and {@code --version} answer without starting ({@link CommandLine}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    var answer = CommandLine.answer(args, CommandLine.version());
    if (answer.isPresent()) {
      (answer.get().exitCode() == 0 ? System.out : System.err).println(answer.get().text());
      System.exit(answer.get().exitCode());
      return;
    }
    RelayConfig config;
    try {
      config = RelayConfig.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Relay relay;
    try {
      relay = Relay.start(config);
    } catch (DataDirLock.InUse e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException | Error e) {
      flushLogs(); // what it logged on the way down is the operator's only clue
      throw e;
    }
    relay.firstStart().ifPresent(first -> System.out.println(Banner.firstStart(relay, first)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      relay.close();
      flushLogs();
      stopped.countDown();
    }, "inlet-shutdown"));
    stopped.await();
  }

  /** Writes out what the asynchronous log appenders still hold (the stop's own lines among them). */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.stop();
    }
  }
}
