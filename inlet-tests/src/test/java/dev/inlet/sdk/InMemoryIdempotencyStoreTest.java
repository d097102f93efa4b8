package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {
  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MutableClock clock = new MutableClock();

  @Test
  void aReleasedKeyCountsAsFirstTimeAgain() {
    var store = new InMemoryIdempotencyStore(10, clock);
    assertThat(store.firstTime("evt_1", Duration.ofMinutes(1))).isTrue();
    store.release("evt_1");
    assertThat(store.firstTime("evt_1", Duration.ofMinutes(1))).isTrue();
    assertThat(store.firstTime("evt_1", Duration.ofMinutes(1))).isFalse();
  }

  @Test
  void aKeyIsFirstTimeOnceWithinItsTtlAndAgainAfterIt() {
    var store = new InMemoryIdempotencyStore(10, clock);
    assertThat(store.firstTime("evt_1", Duration.ofMinutes(1))).isTrue();
    assertThat(store.firstTime("evt_1", Duration.ofMinutes(1))).isFalse();
    assertThat(store.firstTime("evt_2", Duration.ofMinutes(1))).isTrue();

    clock.now = clock.now.plusSeconds(59);
    assertThat(store.firstTime("evt_1", Duration.ofMinutes(1))).isFalse();
    clock.now = clock.now.plusSeconds(1);
    assertThat(store.firstTime("evt_1", Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void staysWithinMaxEntriesForgettingTheOldestClaimFirst() {
    var store = new InMemoryIdempotencyStore(3, clock);
    for (String k : new String[] {"a", "b", "c", "d"}) {
      store.firstTime(k, Duration.ofHours(1));
    }
    assertThat(store.size()).isEqualTo(3);
    assertThat(store.firstTime("b", Duration.ofHours(1))).isFalse();
    assertThat(store.firstTime("a", Duration.ofHours(1))).isTrue();
  }

  @Test
  void expiredKeysAreDroppedAsNewOnesArrive() {
    var store = new InMemoryIdempotencyStore(100, clock);
    store.firstTime("a", Duration.ofSeconds(1));
    store.firstTime("b", Duration.ofSeconds(1));
    clock.now = clock.now.plusSeconds(2);
    store.firstTime("c", Duration.ofSeconds(1));
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void eightThreadsRacingOnOneKeyGetExactlyOneTrue() throws Exception {
    var store = new InMemoryIdempotencyStore(1000);
    for (int round = 0; round < 50; round++) {
      String key = "evt_" + round;
      var results = Race.run(8, () -> store.firstTime(key, Duration.ofMinutes(5)));
      assertThat(results).containsOnlyOnce(true).hasSize(8);
    }
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> new InMemoryIdempotencyStore(0)).isInstanceOf(IllegalArgumentException.class);
    var store = new InMemoryIdempotencyStore(1);
    assertThatThrownBy(() -> store.firstTime("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
