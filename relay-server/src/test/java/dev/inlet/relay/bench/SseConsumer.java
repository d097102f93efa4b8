package dev.inlet.relay.bench;

import io.vertx.core.Context;
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
import io.vertx.core.parsetools.RecordParser;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One SSE consumer of the queue {@code bench}: notes when each message arrives, matched to its
 * scheduled send time by the provider's event id (the {@code x-event-id} header kept in the
 * envelope), and acks it over REST without waiting. Everything runs on its one event loop.
 */
final class SseConsumer implements AutoCloseable {
  /** Acks in flight at most (Vert.x's default pool of 5 connections, one taken by the stream, held it back). */
  static final int ACK_CONNECTIONS = 32;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final Context context = vertx.getOrCreateContext();
  private final HttpClient client;
  private final int port;
  private final String token;
  private final Map<String, Long> dueByEventId = new ConcurrentHashMap<>();
  private final Latencies latencies = new Latencies();
  private volatile long countFrom = Long.MAX_VALUE;
  private volatile long countUntil = Long.MAX_VALUE;
  private long received;
  private long ackFailed;

  /** What the consumer saw of the events scheduled in the counted window. */
  record Seen(long received, long ackFailed, double p50Millis, double p99Millis) {}

  SseConsumer(int port, String token) {
    this.port = port;
    this.token = token;
    this.client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true))
        .with(new PoolOptions().setHttp1MaxSize(ACK_CONNECTIONS + 1))
        .build();
  }

  /** Opens the stream; done when the relay answered 200. */
  void open(int prefetch) throws Exception {
    CompletableFuture<Void> opened = new CompletableFuture<>();
    context.runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(port).setURI("/v1/queues/bench/stream?prefetch=" + prefetch)
            .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "text/event-stream"))
        .compose(request -> request.send())
        .onSuccess(response -> {
          if (response.statusCode() != 200) {
            opened.completeExceptionally(new IllegalStateException("stream answered " + response.statusCode()));
            return;
          }
          response.handler(RecordParser.newDelimited("\n\n", this::onEvent));
          opened.complete(null);
        })
        .onFailure(opened::completeExceptionally));
    opened.get(10, TimeUnit.SECONDS);
  }

  /** Called by the generator before it sends an event. */
  void scheduled(String eventId, long dueNanos) {
    dueByEventId.put(eventId, dueNanos);
  }

  /** Only events scheduled in [{@code from}, {@code until}) count. */
  void countWindow(long from, long until) {
    countFrom = from;
    countUntil = until;
  }

  private void onEvent(Buffer block) {
    long now = System.nanoTime();
    String text = block.toString();
    if (!text.startsWith("event: message")) {
      return;
    }
    JsonObject envelope = new JsonObject(text.substring(text.indexOf("data: ") + "data: ".length()));
    JsonArray eventIds = envelope.getJsonObject("headers").getJsonArray(Payload.EVENT_ID_HEADER.toLowerCase());
    Long due = dueByEventId.remove(eventIds.getString(0));
    if (due != null && due >= countFrom && due < countUntil) {
      received++;
      latencies.record(now - due);
    }
    String ackUrl = envelope.getJsonObject("meta").getString("ackUrl");
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
            .setURI(ConsumerLoad.pathOf(ackUrl)).putHeader("Authorization", "Bearer " + token))
        .compose(request -> request.send())
        .compose(response -> response.body().map(b -> response.statusCode()))
        .onComplete(acked -> {
          if (acked.failed() || acked.result() != 204) {
            ackFailed++;
          }
        });
  }

  /** A snapshot taken on the consumer's own thread. */
  Seen seen() throws Exception {
    CompletableFuture<Seen> seen = new CompletableFuture<>();
    context.runOnContext(v -> seen.complete(new Seen(received, ackFailed, latencies.percentileMillis(0.50),
        latencies.percentileMillis(0.99))));
    return seen.get(10, TimeUnit.SECONDS);
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
