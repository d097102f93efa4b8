package dev.inlet.sdk;

import dev.inlet.sdk.internal.SseParser;
import dev.inlet.sdk.internal.Waits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link InletClient#stream} on its own thread: connect, read lines until the connection ends
 * or goes silent, back off, reconnect. The HTTP client's threads only queue lines; parsing and the
 * handler run on the stream thread, so a slow handler never blocks the client.
 */
final class StreamSubscription implements Subscription, Runnable {
  private static final System.Logger log = System.getLogger(StreamSubscription.class.getName());

  /** The connection ended: with a response (any status), or a failure. */
  private record End(HttpResponse<byte[]> response, Throwable failure) {}

  private final InletClient client;
  private final URI uri;
  private final MessageHandler handler;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;
  private volatile InletApiException failure;
  private volatile Flow.Subscription current;
  private Duration retryAfter; // the stream thread's: what the last refusal asked for, if anything
  private final Object handlerLock = new Object();
  private boolean inHandler; // guarded by handlerLock: close() lets a running handler finish
  private Thread thread;

  private StreamSubscription(InletClient client, URI uri, MessageHandler handler) {
    this.client = client;
    this.uri = uri;
    this.handler = handler;
  }

  static StreamSubscription start(InletClient client, URI uri, String queue, MessageHandler handler) {
    StreamSubscription subscription = new StreamSubscription(client, uri, handler);
    subscription.thread = new Thread(subscription, "inlet-stream-" + queue);
    subscription.thread.setDaemon(true);
    subscription.thread.start();
    return subscription;
  }

  @Override
  public void run() {
    int failures = 0;
    while (!closed) {
      boolean delivered;
      try {
        delivered = connectAndRead();
      } catch (InterruptedException e) {
        break;
      }
      if (closed || failure != null) {
        break;
      }
      failures = delivered ? 1 : failures + 1;
      Duration wait = Waits.backoff(failures, client.reconnectBaseBackoff, client.reconnectMaxBackoff);
      if (retryAfter != null) {
        // The relay's 503 says when to come back; honoured up to ten times the longest backoff.
        Duration asked = retryAfter.compareTo(client.reconnectMaxBackoff.multipliedBy(10)) > 0
            ? client.reconnectMaxBackoff.multipliedBy(10) : retryAfter;
        wait = asked.compareTo(wait) > 0 ? asked : wait;
        retryAfter = null;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(wait.toNanos());
      } catch (InterruptedException e) {
        break;
      }
    }
    cancelCurrent();
  }

  /** One connection, read to its end. Whether it carried any line (a healthy connection). */
  private boolean connectAndRead() throws InterruptedException {
    BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    HttpRequest request = client.authorized(uri).header("Accept", "text/event-stream").GET().build();
    HttpResponse.BodyHandler<byte[]> bodyHandler = info -> {
      if (info.statusCode() != 200) {
        return HttpResponse.BodySubscribers.ofByteArray();
      }
      connections.incrementAndGet();
      return HttpResponse.BodySubscribers.mapping(
          HttpResponse.BodySubscribers.fromLineSubscriber(new Lines(items)), v -> (byte[]) null);
    };
    CompletableFuture<HttpResponse<byte[]>> response = client.httpClient.sendAsync(request, bodyHandler);
    response.whenComplete((r, e) -> items.add(new End(r, e)));
    SseParser parser = new SseParser();
    boolean delivered = false;
    try {
      while (true) {
        Object item = items.poll(client.streamIdleTimeout.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
          log.log(Level.INFO, "stream {0} silent for {1}; reconnecting", uri.getPath(), client.streamIdleTimeout);
          return delivered;
        }
        if (item instanceof End end) {
          ended(end);
          return delivered;
        }
        delivered = true;
        SseParser.Event event = parser.line((String) item);
        if (event != null && "message".equals(event.type())) {
          dispatch(event);
        }
        if (closed) {
          return delivered;
        }
      }
    } finally {
      cancelCurrent();
      response.cancel(true);
    }
  }

  private void ended(End end) {
    if (end.failure() != null) {
      log.log(Level.DEBUG, "stream {0} dropped: {1}", uri.getPath(), end.failure().toString());
      return;
    }
    int status = end.response().statusCode();
    if (status == 200) {
      log.log(Level.DEBUG, "stream {0} ended by the relay", uri.getPath());
      return;
    }
    InletApiException refused = new InletApiException(client.problem(status, end.response().body()));
    if (status / 100 == 4 && status != 408 && status != 429) {
      log.log(Level.WARNING, "stream {0} refused for good: {1}", uri.getPath(), refused.getMessage());
      failure = refused;
    } else {
      log.log(Level.INFO, "stream {0} refused, will retry: {1}", uri.getPath(), refused.getMessage());
      retryAfter = Waits.retryAfter(end.response().headers(), Instant.now()).orElse(null);
    }
  }

  private void dispatch(SseParser.Event event) throws InterruptedException {
    Message message;
    try {
      message = Message.fromEnvelope(client.mapper.readTree(event.data()), client.mapper);
    } catch (IOException | RuntimeException e) {
      log.log(Level.WARNING, "unreadable event {0} on {1}: {2}", event.id(), uri.getPath(), e.toString());
      return;
    }
    synchronized (handlerLock) {
      if (closed) {
        return; // never started: the relay releases its lease when the stream closes
      }
      inHandler = true;
    }
    try {
      handler.handle(message);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (closed) {
        return;
      }
      log.log(Level.WARNING, "handler failed on {0}: {1}; nacking", message.id(), e.toString());
      try {
        client.nack(message, e.toString(), null);
      } catch (IOException | InletApiException nackFailed) {
        log.log(Level.DEBUG, "nack of {0} failed: {1}", message.id(), nackFailed.toString());
      }
    } finally {
      synchronized (handlerLock) {
        inHandler = false;
      }
    }
  }

  private void cancelCurrent() {
    Flow.Subscription s = current;
    current = null;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public void close() {
    boolean handlerRunning;
    synchronized (handlerLock) {
      closed = true;
      handlerRunning = inHandler;
      if (!handlerRunning && thread != Thread.currentThread()) {
        thread.interrupt();
      }
    }
    if (!handlerRunning) {
      cancelCurrent();
    } // else the stream thread ends the connection once the handler (and its ack) is done

  }

  @Override
  public boolean isActive() {
    return !closed && failure == null;
  }

  @Override
  public int connections() {
    return connections.get();
  }

  @Override
  public Optional<InletApiException> failure() {
    return Optional.ofNullable(failure);
  }

  /** Queues each line for the stream thread; the connection's end arrives through the response. */
  private final class Lines implements Flow.Subscriber<String> {
    private final BlockingQueue<Object> items;

    Lines(BlockingQueue<Object> items) {
      this.items = items;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      current = subscription;
      if (closed) {
        subscription.cancel();
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      items.add(line);
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}
