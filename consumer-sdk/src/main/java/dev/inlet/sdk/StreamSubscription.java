package dev.inlet.sdk;

import dev.inlet.sdk.internal.EventReader;
import dev.inlet.sdk.internal.PacedHandler;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One {@link InletClient#stream} on its own thread: connect, read until the connection ends or goes
 * silent, back off, reconnect. The HTTP client's threads parse lines into events and queue them;
 * the handler runs on the stream thread, so a slow handler never blocks the client.
 *
 * <p>Each connection is a generation. When one ends, the relay takes back the leases of what it
 * delivered on it and is not settled, and delivers those again: an event still queued from an
 * ended generation is dropped, not handled, or it would be handled twice. The queue holds at most
 * prefetch + {@link #SLACK} events (see {@link EventReader}).
 */
final class StreamSubscription implements Subscription, Runnable {
  /**
   * Events queued beyond prefetch before reading pauses. The relay sends more than prefetch only
   * when leases run out unsettled; reading on keeps the end of a connection seen as it happens.
   */
  static final int SLACK = 16;
  private static final System.Logger log = System.getLogger(StreamSubscription.class.getName());

  /** The relay accepted a connection (status 200). */
  private record Connected() {}

  /** An event read on the connection of generation {@code generation}. */
  private record Received(int generation, SseParser.Event event) {}

  /** The connection ended: with a response (any status), or a failure. */
  private record End(HttpResponse<byte[]> response, Throwable failure) {}

  private final InletClient client;
  private final URI uri;
  private final String queue;
  private final int capacity;
  private final MessageHandler handler;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger generations = new AtomicInteger();
  /** The generation of the open connection; 0 while none is. */
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean closed;
  private volatile InletApiException failure;
  private volatile EventReader current;
  // The stream thread's: what the last refusal asked for, and what the listener heard last (null: nothing yet).
  private Duration retryAfter;
  private Boolean reportedUp;
  private final Object handlerLock = new Object();
  private boolean inHandler; // guarded by handlerLock: close() lets a running handler finish
  private Thread thread;

  private StreamSubscription(InletClient client, URI uri, String queue, int prefetch, MessageHandler handler) {
    this.client = client;
    this.uri = uri;
    this.queue = queue;
    this.capacity = prefetch + SLACK;
    this.handler = handler;
  }

  static StreamSubscription start(InletClient client, URI uri, String queue, int prefetch, MessageHandler handler) {
    StreamSubscription subscription = new StreamSubscription(client, uri, queue, prefetch, handler);
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

  /** One connection, read to its end. Whether the relay accepted it (a healthy connection). */
  private boolean connectAndRead() throws InterruptedException {
    BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    AtomicReference<EventReader> reader = new AtomicReference<>();
    AtomicInteger generation = new AtomicInteger(); // 0 until the relay accepts
    HttpRequest request = client.authorized(uri).header("Accept", "text/event-stream").GET().build();
    HttpResponse.BodyHandler<byte[]> bodyHandler = info -> {
      if (info.statusCode() != 200) {
        return HttpResponse.BodySubscribers.ofByteArray();
      }
      connections.incrementAndGet();
      int gen = generations.incrementAndGet();
      generation.set(gen);
      open.set(gen);
      EventReader lines = new EventReader(capacity, event -> items.add(new Received(gen, event)),
          () -> open.compareAndSet(gen, 0));
      reader.set(lines);
      current = lines;
      if (closed) {
        lines.cancel();
      }
      items.add(new Connected());
      return HttpResponse.BodySubscribers.mapping(
          HttpResponse.BodySubscribers.fromLineSubscriber(lines), v -> (byte[]) null);
    };
    CompletableFuture<HttpResponse<byte[]>> response = client.httpClient.sendAsync(request, bodyHandler);
    response.whenComplete((r, e) -> {
      open.compareAndSet(generation.get(), 0);
      items.add(new End(r, e));
    });
    boolean accepted = false;
    try {
      while (true) {
        Object item = take(items, reader);
        if (item == null) {
          log.log(Level.INFO, "stream {0} silent for {1}; reconnecting", uri.getPath(), client.streamIdleTimeout);
          lost("nothing received for " + client.streamIdleTimeout.toMillis() + " ms");
          return accepted;
        }
        if (item instanceof End end) {
          ended(end);
          return accepted;
        }
        if (item instanceof Connected) {
          accepted = true;
          report(true, l -> l.connected(queue));
          continue;
        }
        reader.get().taken();
        dispatch((Received) item);
        if (closed) {
          return accepted;
        }
      }
    } finally {
      open.compareAndSet(generation.get(), 0);
      cancelCurrent();
      response.cancel(true);
    }
  }

  /**
   * The next item, or null once nothing was read for the idle timeout. The silence is counted from
   * now at the earliest: while the stream thread was in a handler the reader may have paused.
   */
  private Object take(BlockingQueue<Object> items, AtomicReference<EventReader> reader)
      throws InterruptedException {
    long since = System.nanoTime();
    while (true) {
      EventReader lines = reader.get();
      long last = lines == null ? since : Math.max(since, lines.lastLineNanos());
      long left = last + client.streamIdleTimeout.toNanos() - System.nanoTime();
      Object item = left > 0 ? items.poll(left, TimeUnit.NANOSECONDS) : items.poll();
      if (item != null || left <= 0) {
        return item;
      }
    }
  }

  private void ended(End end) {
    if (end.failure() != null) {
      log.log(Level.DEBUG, "stream {0} dropped: {1}", uri.getPath(), end.failure().toString());
      lost(describe(end.failure()));
      return;
    }
    int status = end.response().statusCode();
    if (status == 200) {
      log.log(Level.DEBUG, "stream {0} ended by the relay", uri.getPath());
      lost("the relay ended the stream");
      return;
    }
    InletApiException refused = new InletApiException(client.problem(status, end.response().body()));
    if (status / 100 == 4 && status != 408 && status != 429) {
      log.log(Level.WARNING, "stream {0} refused for good: {1}", uri.getPath(), refused.getMessage());
      failure = refused;
      if (!closed) {
        tell(l -> l.refused(queue, refused));
      }
    } else {
      log.log(Level.INFO, "stream {0} refused, will retry: {1}", uri.getPath(), refused.getMessage());
      retryAfter = Waits.retryAfter(end.response().headers(), Instant.now()).orElse(null);
      lost(refused.getMessage());
    }
  }

  private void lost(String reason) {
    if (!closed) {
      report(false, l -> l.disconnected(queue, reason));
    }
  }

  /** Tells the listener of a change: up after down (or at first), down after up (or at first). */
  private void report(boolean up, Consumer<StreamListener> call) {
    if (reportedUp == null || reportedUp != up) {
      reportedUp = up;
      tell(call);
    }
  }

  private void tell(Consumer<StreamListener> call) {
    try {
      call.accept(client.streamListener);
    } catch (RuntimeException e) {
      log.log(Level.WARNING, "stream listener failed: {0}", e.toString());
    }
  }

  /** What went wrong, from the innermost message that says: the HTTP client wraps its failures. */
  static String describe(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    String message = null;
    for (Throwable cause = t; cause != null && message == null; cause = cause.getCause()) {
      message = cause.getMessage();
    }
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private void dispatch(Received received) throws InterruptedException {
    SseParser.Event event = received.event();
    Message message;
    try {
      message = Message.fromEnvelope(client.mapper.readTree(event.data()), client.mapper);
    } catch (IOException | RuntimeException e) {
      log.log(Level.WARNING, "unreadable event {0} on {1}: {2}", event.id(), uri.getPath(), e.toString());
      return;
    }
    BooleanSupplier stillLeased = () -> open.get() == received.generation();
    if (!stillLeased.getAsBoolean()) {
      log.log(Level.DEBUG, "dropping {0}: its connection ended, so the relay took its lease back", message.id());
      return;
    }
    synchronized (handlerLock) {
      if (closed) {
        return; // never started: the relay releases its lease when the stream closes
      }
      inHandler = true;
    }
    try {
      if (handler instanceof PacedHandler paced) {
        paced.handle(message, stillLeased);
      } else {
        handler.handle(message);
      }
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
    EventReader r = current;
    current = null;
    if (r != null) {
      r.cancel();
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
}
