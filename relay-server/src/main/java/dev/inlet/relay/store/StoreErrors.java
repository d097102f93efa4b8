package dev.inlet.relay.store;

import dev.inlet.relay.problem.InletProblem;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;

/** Turns database errors that have a meaning for clients into problems, in one place. */
final class StoreErrors {
  static final String UNIQUE_VIOLATION = "23505";
  static final String FOREIGN_KEY_VIOLATION = "23503";

  private StoreErrors() {}

  /** A unique-key violation becomes a 409 with {@code detail}; anything else passes through. */
  static <T> Future<T> conflictOnDuplicate(Future<T> future, String detail) {
    return future.recover(error -> {
      if (error instanceof PgException && UNIQUE_VIOLATION.equals(((PgException) error).getSqlState())) {
        return Future.failedFuture(InletProblem.conflict(detail));
      }
      return Future.failedFuture(error);
    });
  }
}
