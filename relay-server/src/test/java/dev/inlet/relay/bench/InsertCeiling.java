package dev.inlet.relay.bench;

import dev.inlet.relay.id.EventId;
import dev.inlet.relay.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's ceiling for the relay's writes: per event the same three rows (dedupe key, event
 * with body and headers, message), as plain multi-row INSERTs of {@link #EVENTS_PER_STATEMENT}
 * events in one statement, from {@link #CONNECTIONS} connections each running statements back to back.
 */
final class InsertCeiling {
  static final int EVENTS_PER_STATEMENT = 50;
  static final int CONNECTIONS = 8;
  static final int ROWS_PER_EVENT = 3;
  private static final int SHARED_PARAMS = 7;
  private static final int PARAMS_PER_EVENT = 4;
  private static final String TENANT = "ten_bench";
  private static final String ENDPOINT = "ep_bench";

  private final Payload payload;
  private final String sql = insertStatement();

  InsertCeiling(Payload payload) {
    this.payload = payload;
  }

  PhaseResult run(String databaseUrl, Duration warmUp, Duration measured) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.fromUrl(databaseUrl).pool(vertx, CONNECTIONS);
      long queueId = createQueue(pool);
      long start = System.nanoTime();
      long windowStart = start + warmUp.toNanos();
      long windowEnd = windowStart + measured.toNanos();
      AtomicLong events = new AtomicLong();
      AtomicLong failures = new AtomicLong();
      CompletableFuture<?>[] workers = new CompletableFuture<?>[CONNECTIONS];
      for (int i = 0; i < CONNECTIONS; i++) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        workers[i] = done;
        vertx.runOnContext(v -> loop(pool, queueId, windowStart, windowEnd, events, failures, done));
      }
      CompletableFuture.allOf(workers).get(warmUp.plus(measured).toSeconds() + 30, TimeUnit.SECONDS);
      pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      double seconds = measured.toNanos() / 1e9;
      return PhaseResult.throughput("Ceiling: multi-row INSERT, " + EVENTS_PER_STATEMENT + " events/statement, "
          + CONNECTIONS + " connections", events.get() / seconds, failures.get());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private void loop(Pool pool, long queueId, long windowStart, long windowEnd, AtomicLong events, AtomicLong failures,
      CompletableFuture<Void> done) {
    if (System.nanoTime() >= windowEnd) {
      done.complete(null);
      return;
    }
    pool.preparedQuery(sql).execute(parameters(queueId)).onComplete(result -> {
      long now = System.nanoTime();
      if (result.failed()) {
        failures.incrementAndGet();
      } else if (now >= windowStart && now <= windowEnd) {
        events.addAndGet(EVENTS_PER_STATEMENT);
      }
      loop(pool, queueId, windowStart, windowEnd, events, failures, done);
    });
  }

  private Tuple parameters(long queueId) {
    Tuple tuple = Tuple.of(TENANT, ENDPOINT, "POST", "/in/" + ENDPOINT, "application/json", "127.0.0.1", queueId);
    Buffer body = Buffer.buffer(payload.body());
    for (int i = 0; i < EVENTS_PER_STATEMENT; i++) {
      String key = payload.nextEventId();
      tuple.addString(key).addString(EventId.random().value())
          .addString(payload.headersJson("127.0.0.1:8080", key)).addBuffer(body);
    }
    return tuple;
  }

  private static long createQueue(Pool pool) throws Exception {
    return pool.query("insert into tenants (id, name) values ('" + TENANT + "', 'bench')").execute()
        .compose(r -> pool.query("insert into queues (tenant_id, name) values ('" + TENANT + "', 'bench') returning id")
            .execute())
        .map(rows -> rows.iterator().next().getLong(0))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** One statement, hence one implicit transaction, for all three tables, as the relay's batch is. */
  private static String insertStatement() {
    StringBuilder dedupe = new StringBuilder();
    StringBuilder events = new StringBuilder();
    StringBuilder messages = new StringBuilder();
    for (int i = 0; i < EVENTS_PER_STATEMENT; i++) {
      int p = SHARED_PARAMS + 1 + i * PARAMS_PER_EVENT;
      String key = "$" + p;
      String id = "$" + (p + 1);
      String headers = "$" + (p + 2);
      String body = "$" + (p + 3);
      String sep = i == 0 ? "" : ",";
      dedupe.append(sep).append("($1,$2,").append(key).append(',').append(id).append(",now() + interval '7 days')");
      events.append(sep).append("($1,").append(id).append(",$2,$3,$4,").append(headers).append("::text::jsonb,$5,")
          .append(body).append(',').append(key).append(",$6)");
      messages.append(sep).append("($1,$7,").append(id).append(",now())");
    }
    return "with d as (insert into dedupe_keys (tenant_id, endpoint_id, key, event_id, expires_at) values " + dedupe
        + "), e as (insert into events (tenant_id, id, endpoint_id, method, path_query, headers, content_type, body,"
        + " dedupe_key, source_address) values " + events
        + ") insert into messages (tenant_id, queue_id, event_id, event_received_at) values " + messages;
  }
}
