package dev.inlet.relay.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;

/**
 * Posts signed events to one inbound endpoint from a single event loop, so the generator costs
 * little CPU and needs no locks: every callback below runs on that one thread.
 */
final class LoadGenerator implements AutoCloseable {
  static final int CONNECTIONS = 64;
  static final int IN_FLIGHT = 128;
  private static final int REQUEST_TIMEOUT_MS = 30_000;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final HttpClient client;
  private final Payload payload;
  private final Buffer body;
  private final int port;
  private final String path;
  private final int inFlight;

  LoadGenerator(Payload payload, int port, String endpointId) {
    this(payload, port, endpointId, CONNECTIONS, IN_FLIGHT);
  }

  /** A share of the usual load: {@code connections} and {@code inFlight} requests outstanding in a closed loop. */
  LoadGenerator(Payload payload, int port, String endpointId, int connections, int inFlight) {
    this.inFlight = inFlight;
    this.payload = payload;
    this.body = Buffer.buffer(payload.body());
    this.port = port;
    this.path = "/in/" + endpointId;
    this.client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true))
        .with(new PoolOptions().setHttp1MaxSize(connections))
        .build();
  }

  /** {@link #IN_FLIGHT} (or the share given) requests always outstanding; each answer sends the next one. */
  PhaseResult closedLoop(String name, Duration warmUp, Duration measured) throws Exception {
    Window window = new Window(warmUp, measured);
    CompletableFuture<Void> done = new CompletableFuture<>();
    int[] outstanding = {inFlight};
    vertx.runOnContext(v -> {
      for (int i = 0; i < inFlight; i++) {
        closedLoopSend(window, outstanding, done);
      }
    });
    done.get(warmUp.plus(measured).toSeconds() + 60, TimeUnit.SECONDS);
    return window.result(name);
  }

  private void closedLoopSend(Window window, int[] outstanding, CompletableFuture<Void> done) {
    long sent = System.nanoTime();
    post(payload.nextEventId()).onComplete(answer -> {
      long now = System.nanoTime();
      if (window.contains(now)) {
        window.record(answer, now - sent);
      }
      if (now < window.end) {
        closedLoopSend(window, outstanding, done);
      } else if (--outstanding[0] == 0) {
        done.complete(null);
      }
    });
  }

  /**
   * Requests at a fixed rate whatever the answers; latency runs from each request's scheduled
   * send time, so time spent waiting behind slow answers (or a late timer) is counted.
   */
  PhaseResult openLoop(String name, double ratePerSecond, Duration warmUp, Duration measured) throws Exception {
    return openLoop(name, ratePerSecond, warmUp, measured, (eventId, dueNanos) -> {});
  }

  /** As above, telling {@code scheduled} each event's provider id and scheduled send time before it is sent. */
  PhaseResult openLoop(String name, double ratePerSecond, Duration warmUp, Duration measured,
      ObjLongConsumer<String> scheduled) throws Exception {
    Window window = new Window(warmUp, measured);
    double intervalNanos = 1e9 / ratePerSecond;
    CompletableFuture<Void> done = new CompletableFuture<>();
    long[] count = {0};
    int[] outstanding = {0};
    boolean[] allSent = {false};
    vertx.runOnContext(v -> vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      long due = window.origin + (long) (count[0] * intervalNanos);
      while (due <= now && due < window.end) {
        long dueAt = due;
        outstanding[0]++;
        String eventId = payload.nextEventId();
        scheduled.accept(eventId, dueAt);
        post(eventId).onComplete(answer -> {
          if (window.contains(dueAt)) {
            window.record(answer, System.nanoTime() - dueAt);
          }
          if (--outstanding[0] == 0 && allSent[0]) {
            done.complete(null);
          }
        });
        count[0]++;
        due = window.origin + (long) (count[0] * intervalNanos);
      }
      if (due >= window.end) {
        vertx.cancelTimer(timer);
        allSent[0] = true;
        if (outstanding[0] == 0) {
          done.complete(null);
        }
      }
    }));
    done.get(warmUp.plus(measured).toSeconds() + 60, TimeUnit.SECONDS);
    return window.result(name);
  }

  /** One POST; its status code, the body read and dropped. */
  private Future<Integer> post(String eventId) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(path).setIdleTimeout(REQUEST_TIMEOUT_MS)
        .putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", Payload.USER_AGENT)
        .putHeader(Payload.SIGNATURE_HEADER, payload.signature())
        .putHeader(Payload.EVENT_ID_HEADER, eventId);
    return client.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(ignored -> response.statusCode()));
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

  /** The measured window (after the warm-up) and what was counted in it. */
  private static final class Window {
    final long origin;
    final long start;
    final long end;
    final long measuredNanos;
    final Latencies latencies = new Latencies();
    long accepted;
    long failed;

    Window(Duration warmUp, Duration measured) {
      this.origin = System.nanoTime();
      this.start = origin + warmUp.toNanos();
      this.end = start + measured.toNanos();
      this.measuredNanos = measured.toNanos();
    }

    boolean contains(long nanos) {
      return nanos >= start && nanos < end;
    }

    void record(io.vertx.core.AsyncResult<Integer> answer, long latencyNanos) {
      if (answer.failed()) {
        failed++;
        return;
      }
      latencies.record(latencyNanos);
      if (answer.result() / 100 == 2) {
        accepted++;
      } else {
        failed++;
      }
    }

    PhaseResult result(String name) {
      return new PhaseResult(name, accepted / (measuredNanos / 1e9), failed, latencies.percentileMillis(0.50),
          latencies.percentileMillis(0.99));
    }
  }
}
