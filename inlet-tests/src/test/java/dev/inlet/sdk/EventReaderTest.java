package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.sdk.internal.EventReader;
import dev.inlet.sdk.internal.SseParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stream's line reader asks for lines only while fewer than its capacity of events wait. */
class EventReaderTest {
  /** Counts what the reader asks for, as java.net.http's line publisher would see it. */
  private static final class Lines implements Flow.Subscription {
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void request(long n) {
      requested.addAndGet(n);
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }
  }

  @Test
  void atCapacityItStopsAskingForLinesAndATakenEventLetsItGoOn() {
    List<SseParser.Event> handedOver = new CopyOnWriteArrayList<>();
    AtomicBoolean ended = new AtomicBoolean();
    EventReader reader = new EventReader(2, handedOver::add, () -> ended.set(true));
    Lines lines = new Lines();
    reader.onSubscribe(lines);
    assertThat(lines.requested).hasValue(1);

    feed(reader, ": connected", "");                      // a comment: asked for more, nothing handed over
    assertThat(lines.requested).hasValue(3);
    feed(reader, "event: message", "id: 1", "data: {}", "");
    feed(reader, ": keepalive", "");
    feed(reader, "event: message", "id: 2", "data: {}", "");
    assertThat(handedOver).extracting(SseParser.Event::id).containsExactly("1", "2");
    long asked = lines.requested.get();
    assertThat(asked).isEqualTo(1 + 2 + 4 + 2 + 3);       // not after the line that filled it

    reader.taken();
    assertThat(lines.requested).hasValue(asked + 1);
    reader.onComplete();
    assertThat(ended).isTrue();
    reader.cancel();
    assertThat(lines.cancelled).isTrue();
  }

  private static void feed(EventReader reader, String... lines) {
    for (String line : lines) {
      reader.onNext(line);
    }
  }
}
