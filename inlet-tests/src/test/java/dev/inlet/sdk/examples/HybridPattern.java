package dev.inlet.sdk.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.sdk.FileCheckpointStore;
import dev.inlet.sdk.Hydrator;
import dev.inlet.sdk.IdempotencyStore;
import dev.inlet.sdk.InletClient;
import dev.inlet.sdk.JdbcIdempotencyStore;
import dev.inlet.sdk.Message;
import dev.inlet.sdk.PermanentFailure;
import dev.inlet.sdk.Reconciler;
import dev.inlet.sdk.SyncResult;
import dev.inlet.sdk.Worker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * docs/sdk.md: "The hybrid pattern end to end". The webhook only says "order X changed"; the
 * provider API says what X is now; reconciliation catches what webhooks missed. Both paths feed
 * one idempotent {@code upsert}.
 */
final class HybridPattern implements AutoCloseable {
  private static final URI PROVIDER = URI.create("https://api.provider.example/v1/");

  private final Hydrator hydrator;
  private final IdempotencyStore processed;
  private final Worker worker;
  private final Reconciler<JsonNode> reconciler;

  HybridPattern(DataSource db, String inletToken, String providerKey) {
    // 1. Hydrator: fetch the authoritative object (retries, Retry-After, ETag cache).
    hydrator = Hydrator.builder()
        .authorization(() -> "Bearer " + providerKey)
        .timeout(Duration.ofSeconds(5))
        .build();

    // 2. IdempotencyStore: one claim per event id, shared by every consumer process.
    processed = new JdbcIdempotencyStore(db);

    // 3. Worker: webhooks from the relay, 8 at a time, acked when the handler returns.
    InletClient inlet = InletClient.builder()
        .baseUrl(URI.create("https://relay.example.com"))
        .token(inletToken)
        .build();
    worker = Worker.builder(inlet, "orders")
        .concurrency(8)
        .idempotencyStore(processed)          // a redelivered event is acked, not run again
        .handler(this::onWebhook)
        .build();

    // 4. Reconciler: every 5 minutes, list what changed since the checkpoint.
    reconciler = Reconciler.<JsonNode>builder()
        .sync(this::changedSince)
        .checkpointStore(new FileCheckpointStore(Path.of("/var/lib/app/orders.checkpoint")))
        .handler(this::upsert)
        .interval(Duration.ofMinutes(5))
        .build();
  }

  HybridPattern start() {
    worker.start();
    reconciler.start();
    return this;
  }

  /** The webhook is a trigger: take the id, fetch the truth. */
  private void onWebhook(Message m) throws Exception {
    String orderId = m.json().path("data").path("id").asText(null);
    if (orderId == null) {
      throw new PermanentFailure("no order id in " + m.id());   // rejected: dead letter, no retries
    }
    JsonNode order = hydrator.fetch(PROVIDER.resolve("orders/" + orderId)).json();
    upsert(order);                                               // an exception here nacks: retried
  }

  private SyncResult<JsonNode> changedSince(String checkpoint) throws Exception {
    String since = checkpoint == null ? "0" : checkpoint;
    JsonNode page = hydrator.fetch(PROVIDER.resolve("orders?updated_since=" + since)).json();
    List<JsonNode> items = new ArrayList<>();
    page.path("data").forEach(items::add);
    return new SyncResult<>(items, page.path("next_since").asText(since));
  }

  /** Both paths end here; keyed on the object's own version, so running it twice is harmless. */
  private void upsert(JsonNode order) {
    String key = "order:" + order.path("id").asText() + ":" + order.path("updated").asText();
    if (processed.firstTime(key, Duration.ofDays(30))) {
      // INSERT … ON CONFLICT (id) DO UPDATE … WHERE orders.updated < excluded.updated
    }
  }

  @Override
  public void close() {
    reconciler.close();
    worker.close();                           // stops taking work, drains handlers in flight
  }
}
