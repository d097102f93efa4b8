package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcIdempotencyStoreTest {
  /** A database of its own on the test JVM's PostgreSQL. */
  private static final DataSource dataSource = TestDatabase.get().newDataSource();

  @BeforeEach
  void emptyTable() throws Exception {
    new JdbcIdempotencyStore(dataSource);
    sql("TRUNCATE inlet_idempotency");
  }

  private static int sql(String statement) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      return s.executeUpdate(statement);
    }
  }

  @Test
  void createsItsTableAndIsHarmlessToConstructTwice() {
    var first = new JdbcIdempotencyStore(dataSource);
    var second = new JdbcIdempotencyStore(dataSource);
    assertThat(first.firstTime("evt_1", Duration.ofMinutes(1))).isTrue();
    assertThat(second.firstTime("evt_1", Duration.ofMinutes(1))).isFalse();
  }

  @Test
  void aReleasedKeyCountsAsFirstTimeAgain() {
    var store = new JdbcIdempotencyStore(dataSource);
    assertThat(store.firstTime("evt_released", Duration.ofHours(1))).isTrue();
    store.release("evt_released");
    assertThat(store.firstTime("evt_released", Duration.ofHours(1))).isTrue();
    assertThat(store.firstTime("evt_released", Duration.ofHours(1))).isFalse();
  }

  @Test
  void anExpiredKeyCountsAsFirstTimeAgain() throws Exception {
    var store = new JdbcIdempotencyStore(dataSource);
    assertThat(store.firstTime("evt_1", Duration.ofHours(1))).isTrue();
    assertThat(store.firstTime("evt_1", Duration.ofHours(1))).isFalse();

    sql("UPDATE inlet_idempotency SET expires_at = now() - interval '1 second' WHERE key = 'evt_1'");
    assertThat(store.firstTime("evt_1", Duration.ofHours(1))).isTrue();
    assertThat(store.firstTime("evt_1", Duration.ofHours(1))).isFalse();
  }

  @Test
  void shortTtlExpiresByTheDatabaseClock() throws Exception {
    var store = new JdbcIdempotencyStore(dataSource);
    assertThat(store.firstTime("evt_short", Duration.ofMillis(50))).isTrue();
    Thread.sleep(150);
    assertThat(store.firstTime("evt_short", Duration.ofMillis(50))).isTrue();
  }

  @Test
  void purgeExpiredDeletesOnlyExpiredKeys() throws Exception {
    var store = new JdbcIdempotencyStore(dataSource);
    store.firstTime("old", Duration.ofHours(1));
    store.firstTime("live", Duration.ofHours(1));
    sql("UPDATE inlet_idempotency SET expires_at = now() - interval '1 minute' WHERE key = 'old'");

    assertThat(store.purgeExpired()).isEqualTo(1);
    assertThat(store.firstTime("live", Duration.ofHours(1))).isFalse();
  }

  @Test
  void eightThreadsRacingOnOneKeyGetExactlyOneTrue() throws Exception {
    var store = new JdbcIdempotencyStore(dataSource);
    for (int round = 0; round < 20; round++) {
      String key = "evt_" + round;
      var results = Race.run(8, () -> store.firstTime(key, Duration.ofMinutes(5)));
      assertThat(results).containsOnlyOnce(true).hasSize(8);
    }
  }
}
