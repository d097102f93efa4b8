package dev.inlet.relay.problem;

import java.util.List;
import java.util.Map;

/**
 * A tenant over one of its quotas: which one ({@code quota}) and its {@code limit}, both rendered as
 * members of the problem. 422 when creating something would pass it (queues, endpoints), 429 with
 * {@code Retry-After} when ingest must wait for the backlog or the stored bytes to shrink.
 */
public final class QuotaExceeded extends InletProblem {
  private final String quota;
  private final long limit;

  private QuotaExceeded(ProblemType type, String quota, long limit, String detail, Map<String, String> headers) {
    super(type, detail, List.of(), headers);
    this.quota = quota;
    this.limit = limit;
  }

  /** Creating one more would pass the quota. */
  public static QuotaExceeded onCreate(String quota, long limit, String detail) {
    return new QuotaExceeded(ProblemType.UNPROCESSABLE, quota, limit, detail, Map.of());
  }

  /** Ingest must wait: the provider retries after {@code retryAfterSeconds}. */
  public static QuotaExceeded onIngest(String quota, long limit, String detail, long retryAfterSeconds) {
    return new QuotaExceeded(ProblemType.RATE_LIMITED, quota, limit, detail,
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public String quota() {
    return quota;
  }

  public long limit() {
    return limit;
  }
}
