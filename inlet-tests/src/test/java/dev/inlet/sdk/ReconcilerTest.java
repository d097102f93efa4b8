package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
  @TempDir Path dir;

  /** A provider whose objects are numbered; the checkpoint is the last number seen. */
  static final class NumberedProvider implements Sync<Integer> {
    final List<String> checkpointsSeen = new CopyOnWriteArrayList<>();
    volatile int failuresLeft;

    @Override
    public SyncResult<Integer> sync(String checkpoint) {
      checkpointsSeen.add(String.valueOf(checkpoint));
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IllegalStateException("provider down");
      }
      int from = checkpoint == null ? 0 : Integer.parseInt(checkpoint);
      return new SyncResult<>(List.of(from + 1, from + 2), Integer.toString(from + 2));
    }
  }

  private Reconciler.Builder<Integer> reconciler(NumberedProvider provider, List<Integer> handled) {
    return Reconciler.<Integer>builder()
        .sync(provider)
        .checkpointStore(new FileCheckpointStore(dir.resolve("stripe.checkpoint")))
        .handler(handled::add);
  }

  @Test
  void checkpointPersistsAcrossANewReconcilerInstance() throws Exception {
    var provider = new NumberedProvider();
    List<Integer> handled = new ArrayList<>();
    try (var first = reconciler(provider, handled).build()) {
      assertThat(first.runOnce()).isEqualTo(2);
    }
    try (var second = reconciler(provider, handled).build()) {
      second.runOnce();
    }
    assertThat(provider.checkpointsSeen).containsExactly("null", "2");
    assertThat(handled).containsExactly(1, 2, 3, 4);
  }

  @Test
  void aFailingHandlerLeavesTheCheckpointSoTheItemsComeAgain() throws Exception {
    var provider = new NumberedProvider();
    var failing = Reconciler.<Integer>builder()
        .sync(provider)
        .checkpointStore(new FileCheckpointStore(dir.resolve("cp")))
        .handler(i -> { throw new IllegalStateException("handler bug"); })
        .build();
    assertThatThrownBy(failing::runOnce).hasMessage("handler bug");
    assertThat(new FileCheckpointStore(dir.resolve("cp")).load()).isEmpty();
  }

  @Test
  void runsOnScheduleAndKeepsGoingAfterAFailedRun() throws Exception {
    var provider = new NumberedProvider();
    provider.failuresLeft = 1;
    List<Integer> handled = new CopyOnWriteArrayList<>();
    List<Exception> errors = new CopyOnWriteArrayList<>();
    var threeRuns = new CountDownLatch(3);
    var reconciler = reconciler(provider, handled)
        .handler(i -> { handled.add(i); if (i % 2 == 0) threeRuns.countDown(); })
        .interval(Duration.ofMillis(20))
        .onError(errors::add)
        .build();
    try {
      reconciler.start();
      assertThat(threeRuns.await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      reconciler.close();
    }
    assertThat(errors).hasSize(1).first().extracting(Exception::getMessage).isEqualTo("provider down");
    assertThat(handled).startsWith(1, 2, 3, 4, 5, 6);
  }

  @Test
  void closeReturnsOnlyOnceTheRunInProgressHasSavedItsCheckpoint() throws Exception {
    var provider = new NumberedProvider();
    var inHandler = new CountDownLatch(1);
    List<Integer> handled = new CopyOnWriteArrayList<>();
    var reconciler = reconciler(provider, handled)
        .handler(i -> {
          inHandler.countDown();
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          handled.add(i);
        })
        .interval(Duration.ofHours(1))
        .build();
    reconciler.start();
    assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
    reconciler.close();
    assertThat(handled).as("the run in progress finished before close returned").isNotEmpty();
    assertThat(new FileCheckpointStore(dir.resolve("stripe.checkpoint")).load()).as("and saved its checkpoint").isPresent();
  }

  @Test
  void fileCheckpointStoreReplacesTheFileWholeAndLeavesNoTemporaries() throws Exception {
    var store = new FileCheckpointStore(dir.resolve("nested/cp"));
    assertThat(store.load()).isEmpty();
    store.save("cursor_1");
    store.save("cursor_2");
    assertThat(store.load()).contains("cursor_2");
    try (Stream<Path> files = Files.list(dir.resolve("nested"))) {
      assertThat(files).containsExactly(dir.resolve("nested/cp"));
    }
  }

  @Test
  void builderRejectsMissingPartsAndBadIntervals() {
    assertThatThrownBy(() -> Reconciler.<Integer>builder().build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Reconciler.<Integer>builder().interval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
