package com.example.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.sdk.Hydrator;
import dev.inlet.sdk.IdempotencyStore;
import dev.inlet.sdk.InMemoryIdempotencyStore;
import dev.inlet.sdk.InletClient;
import dev.inlet.sdk.Message;
import dev.inlet.sdk.PermanentFailure;
import dev.inlet.sdk.Worker;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * An app's webhook consumer on the Inlet SDK: a {@link Worker} takes the {@code orders} queue's
 * messages, an {@link IdempotencyStore} makes a redelivered event a no-op, and a {@link Hydrator}
 * fetches the order's current state from the provider's API (the webhook is only the trigger).
 *
 * <p>Configured by the environment: {@code INLET_URL}, {@code INLET_TOKEN} (scope
 * {@code consume:orders} or admin), {@code INLET_QUEUE} (default {@code orders}), {@code ORDERS_API}
 * (the provider API's base URL) and {@code ORDERS_API_KEY} (optional). Runs until Ctrl-C.
 */
public final class OrdersWorker {
  private final Hydrator hydrator;
  private final URI ordersApi;

  OrdersWorker(Hydrator hydrator, URI ordersApi) {
    this.hydrator = hydrator;
    this.ordersApi = ordersApi;
  }

  public static void main(String[] args) throws Exception {
    URI relay = URI.create(env("INLET_URL", "http://localhost:8080"));
    String queue = env("INLET_QUEUE", "orders");
    URI ordersApi = URI.create(env("ORDERS_API", "http://localhost:4000/"));
    String apiKey = System.getenv("ORDERS_API_KEY");

    InletClient inlet = InletClient.builder().baseUrl(relay).token(required("INLET_TOKEN")).build();
    Hydrator.Builder hydration = Hydrator.builder().timeout(Duration.ofSeconds(5));
    if (apiKey != null) {
      hydration.authorization(() -> "Bearer " + apiKey);
    }
    Hydrator hydrator = hydration.build();
    IdempotencyStore processed = new InMemoryIdempotencyStore(100_000); // JdbcIdempotencyStore across processes

    OrdersWorker app = new OrdersWorker(hydrator, ordersApi);
    Worker worker = Worker.builder(inlet, queue)
        .concurrency(4)
        .idempotencyStore(processed)   // a redelivered event is acked, not handled again
        .handler(app::onWebhook)       // return: ack; PermanentFailure: dead letter; other exception: retried
        .build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();                  // stops taking work, lets handlers in flight finish
      stopped.countDown();
    }));
    worker.start();
    System.out.println("orders-worker: consuming " + queue + " at " + relay);
    stopped.await();
  }

  /** The webhook says "order X changed"; the provider's API says what X is now. */
  void onWebhook(Message message) throws Exception {
    String orderId = message.json().path("data").path("id").asText(null);
    if (orderId == null) {
      throw new PermanentFailure("no order id in " + message.id());
    }
    JsonNode order = hydrator.fetch(ordersApi.resolve("orders/" + orderId)).json();
    System.out.println("orders-worker: order " + orderId + " is " + order.path("status").asText()
        + " (event " + message.eventId() + ", attempt " + message.attempt() + ")");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      System.err.println("orders-worker: set " + name);
      System.exit(2);
    }
    return value;
  }
}
