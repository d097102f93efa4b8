package dev.inlet.relay.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where the queue verbs hand the attempts that ended: {@link MessageStore} reads what an attempt
 * needs from the statement that ended it (the lease is kept on the message row) and passes it on,
 * to be written in batches ({@link AttemptStore#write}) off the consumer's answer.
 */
@FunctionalInterface
public interface AttemptSink {
  /** Keeps nothing: for callers that measure the queue statements alone. */
  AttemptSink NONE = attempts -> {};

  void record(List<AttemptStore.NewAttempt> attempts);

  /**
   * Runs a statement that may end attempts (and {@link #record}s them before its future completes),
   * so that the sink knows it is under way: a history read that waits for the sink then sees the
   * attempt either still open on the message row or ended, never neither.
   */
  default <T> Future<T> ending(Supplier<Future<T>> statement) {
    return statement.get();
  }
}
