package dev.inlet.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.store.AttemptStore;
import dev.inlet.relay.store.Database;
import dev.inlet.relay.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A history read flushes the recorder first; it must also wait for the attempt-ending statements
 * already under way, or a release that has cleared the lease from the message row but not yet
 * handed its attempt over would leave the message with no attempt at all for a moment.
 */
class AttemptRecorderTest {
  private static Vertx vertx;
  private static Pool pool;
  private static AttemptRecorder recorder;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = Database.fromUrl(TestDatabase.get().newDatabase()).pool(vertx, 2);
    recorder = new AttemptRecorder(vertx, pool, new AttemptStore(), new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() throws Exception {
    recorder.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    pool.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFlushWaitsForTheStatementsUnderWayAndWritesWhatTheyEnded() throws Exception {
    Promise<Void> statement = Promise.promise();
    long messageId = System.nanoTime();
    Future<Void> underWay = recorder.ending(() -> statement.future().map(v -> {
      recorder.record(List.of(attempt(messageId)));
      return v;
    }));

    Future<Void> flushed = recorder.flush();
    Thread.sleep(200);
    assertThat(flushed.isComplete()).as("flush completed while a statement was under way").isFalse();

    statement.complete();
    flushed.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(underWay.succeeded()).isTrue();
    assertThat(stored(messageId)).isEqualTo(1);
  }

  @Test
  void aFailedStatementNoLongerHoldsFlushesBack() throws Exception {
    Future<Object> failed = recorder.ending(() -> Future.failedFuture(new IllegalStateException("gone")));
    assertThat(failed.failed()).isTrue();
    recorder.flush().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
  }

  @Test
  void aFlushWithNothingUnderWayWritesAtOnce() throws Exception {
    long messageId = System.nanoTime();
    recorder.record(List.of(attempt(messageId)));
    recorder.flush().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
    assertThat(stored(messageId)).isEqualTo(1);
  }

  private static AttemptStore.NewAttempt attempt(long messageId) {
    OffsetDateTime now = OffsetDateTime.now();
    return new AttemptStore.NewAttempt("ten_recorder", messageId, UUID.randomUUID(), 1, "evt_recorder", now, now, 1,
        null, "stream", 30, now, "released", null, null, now);
  }

  private static long stored(long messageId) throws Exception {
    return pool.preparedQuery("select count(*) from delivery_attempts where tenant_id = 'ten_recorder' and message_id = $1")
        .execute(Tuple.of(messageId))
        .map(rows -> rows.iterator().next().getLong(0))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
