package dev.inlet.sdk;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or the time is up (then fails the test). */
final class Eventually {
  private Eventually() {}

  static void within(Duration limit, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!Boolean.TRUE.equals(condition.call())) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met within " + limit);
      }
      Thread.sleep(20);
    }
  }
}
