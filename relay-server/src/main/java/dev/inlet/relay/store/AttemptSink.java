package dev.inlet.relay.store;

import java.util.List;

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
}
