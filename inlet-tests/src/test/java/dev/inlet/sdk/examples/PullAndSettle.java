package dev.inlet.sdk.examples;

import dev.inlet.sdk.InletApiException;
import dev.inlet.sdk.InletClient;
import dev.inlet.sdk.Message;
import dev.inlet.sdk.Subscription;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** docs/sdk.md: "InletClient — pull, settle, stream". */
final class PullAndSettle {
  private PullAndSettle() {}

  static InletClient client() {
    return InletClient.builder()
        .baseUrl(URI.create("https://relay.example.com"))
        .token(System.getenv("INLET_TOKEN"))          // scope consume:orders
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }

  static void pullOne(InletClient client) throws IOException {
    Optional<Message> next = client.next("orders", Duration.ofSeconds(20), Duration.ofSeconds(60));
    if (next.isEmpty()) {
      return;                                         // nothing within 20 s
    }
    Message m = next.get();
    try {
      handle(m.json().path("data").path("object").path("id").asText());
      client.ack(m);
    } catch (InletApiException e) {
      if (!e.isStaleLease()) {
        throw e;
      }
      // 409: the lease ran out and the message went to someone else; nothing was deleted
    } catch (RuntimeException e) {
      client.nack(m, e.toString(), null);             // null: the relay's backoff by attempt
    }
  }

  static void pullBatch(InletClient client) throws IOException {
    List<Message> batch = client.receive("orders", 50, Duration.ofSeconds(5), null);
    for (Message m : batch) {
      if (m.header("X-Provider-Event").orElse("").equals("test.ping")) {
        client.reject(m, "test events are not processed");   // dead letter now
      } else {
        client.extend(m, Duration.ofMinutes(5));              // slow work ahead
        handle(m.id());
        client.ack(m);
      }
    }
  }

  static Subscription stream(InletClient client) {
    // At most 10 unsettled at once; reconnects with backoff; close() releases what is unsettled.
    return client.stream("orders", 10, m -> {
      handle(m.id());
      client.ack(m);
    });
  }

  private static void handle(String id) {}
}
