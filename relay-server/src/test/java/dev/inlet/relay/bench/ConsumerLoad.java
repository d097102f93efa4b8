package dev.inlet.relay.bench;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Consumers of the queue {@code bench} over HTTP, each a loop of lease then ack, all on one event
 * loop (no locks: every callback runs on that thread). A loop stops when the queue answers empty,
 * at the time cap, or when the phase has settled {@code limit} messages.
 */
final class ConsumerLoad implements AutoCloseable {
  private static final int REQUEST_TIMEOUT_MS = 30_000;
  private static final int MAX_FAILURES = 1_000;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final HttpClient client;
  private final int port;
  private final String token;

  ConsumerLoad(int port, String token, int connections) {
    this.port = port;
    this.token = token;
    this.client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true))
        .with(new PoolOptions().setHttp1MaxSize(connections))
        .build();
  }

  private record Answer(int status, MultiMap headers, Buffer body) {}

  /** What all loops of one phase share. */
  private static final class Run {
    final long start = System.nanoTime();
    final long deadline;
    final long limit;
    long settled;
    long failed;
    boolean emptied;
    long end;

    Run(Duration cap, long limit) {
      this.deadline = start + cap.toNanos();
      this.limit = limit;
    }

    boolean over() {
      return emptied || settled >= limit || failed >= MAX_FAILURES || System.nanoTime() >= deadline;
    }

    DrainResult result(String name) {
      return new DrainResult(name, settled, (end - start) / 1e9, failed, emptied);
    }
  }

  /** {@code workers} loops of {@code receive}(max) then one batch ack of what came. */
  DrainResult receiveAndBatchAck(String name, int workers, int max, Duration cap, long limit) throws Exception {
    Run run = new Run(cap, limit);
    return runLoops(name, run, workers, cap, done -> receiveLoop(run, max, done));
  }

  /** {@code workers} loops of {@code next} then a single ack on the message's ackUrl. */
  DrainResult nextAndAck(String name, int workers, Duration cap, long limit) throws Exception {
    Run run = new Run(cap, limit);
    return runLoops(name, run, workers, cap, done -> nextLoop(run, done));
  }

  private DrainResult runLoops(String name, Run run, int workers, Duration cap,
      java.util.function.Consumer<CompletableFuture<Void>> loop) throws Exception {
    CompletableFuture<?>[] loops = new CompletableFuture<?>[workers];
    for (int i = 0; i < workers; i++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loops[i] = done;
      vertx.runOnContext(v -> loop.accept(done));
    }
    CompletableFuture.allOf(loops).get(cap.toSeconds() + 60, TimeUnit.SECONDS);
    return run.result(name);
  }

  private void receiveLoop(Run run, int max, CompletableFuture<Void> done) {
    if (finished(run, done)) {
      return;
    }
    send(HttpMethod.POST, "/v1/queues/bench/receive", new JsonObject().put("max", max).toBuffer())
        .onComplete(leased -> {
          if (leased.failed() || leased.result().status() != 200) {
            run.failed++;
            receiveLoop(run, max, done);
            return;
          }
          JsonArray envelopes = new JsonArray(leased.result().body());
          if (envelopes.isEmpty()) {
            run.emptied = true;
            receiveLoop(run, max, done);
            return;
          }
          JsonArray items = new JsonArray();
          for (int i = 0; i < envelopes.size(); i++) {
            JsonObject meta = envelopes.getJsonObject(i).getJsonObject("meta");
            items.add(new JsonObject().put("id", meta.getString("messageId")).put("lease", leaseOf(meta)));
          }
          send(HttpMethod.POST, "/v1/queues/bench/ack", new JsonObject().put("items", items).toBuffer())
              .onComplete(acked -> {
                if (acked.failed() || acked.result().status() != 200) {
                  run.failed += items.size();
                } else {
                  JsonObject answer = new JsonObject(acked.result().body());
                  run.settled += answer.getJsonArray("acked").size();
                  run.failed += answer.getJsonArray("notAcked").size();
                }
                receiveLoop(run, max, done);
              });
        });
  }

  private void nextLoop(Run run, CompletableFuture<Void> done) {
    if (finished(run, done)) {
      return;
    }
    send(HttpMethod.GET, "/v1/queues/bench/next", null).onComplete(leased -> {
      if (leased.failed() || (leased.result().status() != 200 && leased.result().status() != 204)) {
        run.failed++;
        nextLoop(run, done);
        return;
      }
      if (leased.result().status() == 204) {
        run.emptied = true;
        nextLoop(run, done);
        return;
      }
      JsonObject meta = new JsonObject(leased.result().headers().get("Inlet-Meta"));
      send(HttpMethod.POST, pathOf(meta.getString("ackUrl")), null).onComplete(acked -> {
        if (acked.succeeded() && acked.result().status() == 204) {
          run.settled++;
        } else {
          run.failed++;
        }
        nextLoop(run, done);
      });
    });
  }

  private static boolean finished(Run run, CompletableFuture<Void> done) {
    if (!run.over()) {
      return false;
    }
    run.end = Math.max(run.end, System.nanoTime());
    done.complete(null);
    return true;
  }

  /** The lease token in {@code meta.ackUrl} ({@code …/ack?lease=<uuid>}). */
  static String leaseOf(JsonObject meta) {
    String ackUrl = meta.getString("ackUrl");
    return ackUrl.substring(ackUrl.indexOf("lease=") + "lease=".length());
  }

  /** {@code ackUrl} without its scheme and authority: we talk to 127.0.0.1 whatever the public URL says. */
  static String pathOf(String url) {
    return url.substring(url.indexOf("/v1/"));
  }

  Future<Answer> send(HttpMethod method, String uri, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri)
        .setIdleTimeout(REQUEST_TIMEOUT_MS).putHeader("Authorization", "Bearer " + token);
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), response.headers(), b)));
  }

  @Override
  public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
    try {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
