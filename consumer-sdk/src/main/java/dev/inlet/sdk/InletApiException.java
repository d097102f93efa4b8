package dev.inlet.sdk;

import java.util.Objects;

/**
 * The relay answered with a non-2xx status. The parsed {@link Problem} says why; callers branch on
 * {@link #status()} or {@code problem().type()}. Transport failures are {@link java.io.IOException}s
 * instead.
 */
public final class InletApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public InletApiException(Problem problem) {
    super(problem.status() + " " + problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public int status() {
    return problem.status();
  }

  public Problem problem() {
    return problem;
  }

  /**
   * A settle call (ack, nack, reject, extend) came too late: the lease expired and the message was
   * delivered again, or it was already settled. Nothing changed on the relay.
   */
  public boolean isStaleLease() {
    return problem.status() == 409;
  }
}
