package dev.inlet.relay.app;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar inlet-relay.jar}: configuration from the environment, then run until stopped. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
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
    }
    relay.firstStart().ifPresent(first -> System.out.println(Banner.firstStart(relay, first)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      relay.close();
      stopped.countDown();
    }, "inlet-shutdown"));
    stopped.await();
  }
}
