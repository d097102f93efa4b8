package dev.inlet.sdk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits for a duration. Injected so tests can record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps on the calling thread. */
  Sleeper SYSTEM = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());

  void sleep(Duration duration) throws InterruptedException;
}
