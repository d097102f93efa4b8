package dev.inlet.sdk.examples;

import dev.inlet.sdk.Worker;
import dev.inlet.cli.Forward;
import java.net.URI;
import java.time.Duration;

/** docs/sdk.md: "inlet forward", embedded in a dev server instead of run as a jar. */
final class ForwardExample {
  private ForwardExample() {}

  static Worker forwardToLocalApp(String token) {
    return Forward.start(new Forward.Options(URI.create("https://relay.example.com"), token, "orders",
        URI.create("http://localhost:3000/hooks"), 1, Duration.ofSeconds(30)), System.out);
  }
}
