package dev.inlet.sdk.internal;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One SSE connection's lines as java.net.http delivers them, on its threads: each parsed as it
 * comes, each complete {@code message} event handed to {@code sink}. It asks for one line at a time,
 * and for none while {@code capacity} events are handed over and not yet {@link #taken()}: the HTTP
 * client then stops reading, and TCP holds the sender back, instead of events piling up in memory.
 * Comments and keepalives are not handed over; they only show the connection is alive.
 */
public final class EventReader implements Flow.Subscriber<String> {
  private final int capacity;
  private final Consumer<SseParser.Event> sink;
  private final Runnable ended;
  private final SseParser parser = new SseParser();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean paused = new AtomicBoolean();
  private volatile Flow.Subscription lines;
  private volatile boolean cancelled;
  private volatile long lastLineNanos = System.nanoTime();

  /** @param ended run once the connection has ended (its last event, if any, handed over) */
  public EventReader(int capacity, Consumer<SseParser.Event> sink, Runnable ended) {
    this.capacity = capacity;
    this.sink = sink;
    this.ended = ended;
  }

  /** {@link System#nanoTime()} of the last line read, or of this reader's creation. */
  public long lastLineNanos() {
    return lastLineNanos;
  }

  /** One of the events handed over has been taken off the caller's queue. */
  public void taken() {
    queued.decrementAndGet();
    resume();
  }

  /** Ends the connection; before it began, as soon as it does. */
  public void cancel() {
    cancelled = true;
    Flow.Subscription s = lines;
    if (s != null) {
      s.cancel();
    }
  }

  private void resume() {
    if (paused.compareAndSet(true, false)) {
      lines.request(1);
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    lines = subscription;
    if (cancelled) {
      subscription.cancel();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onNext(String line) {
    lastLineNanos = System.nanoTime();
    SseParser.Event event = parser.line(line);
    if (event != null && "message".equals(event.type())) {
      queued.incrementAndGet();
      sink.accept(event);
    }
    if (queued.get() < capacity) {
      lines.request(1);
      return;
    }
    paused.set(true);
    if (queued.get() < capacity) {
      resume(); // taken between the check and the pause
    }
  }

  @Override
  public void onError(Throwable throwable) {
    ended.run();
  }

  @Override
  public void onComplete() {
    ended.run();
  }
}
