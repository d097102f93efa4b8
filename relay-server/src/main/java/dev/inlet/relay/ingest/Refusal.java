package dev.inlet.relay.ingest;

import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.verify.RefusalReason;
import java.util.List;
import java.util.Map;

/**
 * A refused inbound request: the problem the provider gets, and the precise reason the request log
 * records ({@code signature_mismatch}, {@code timestamp_outside_tolerance}, {@code rate_limited}…).
 */
public final class Refusal extends InletProblem {
  private final String reason;

  Refusal(ProblemType type, String detail, String reason) {
    this(type, detail, reason, Map.of());
  }

  Refusal(ProblemType type, String detail, String reason, Map<String, String> headers) {
    super(type, detail, List.of(), headers);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }

  /** The log's name for a verification failure: a missing header is a missing signature. */
  static String reasonOf(RefusalReason refusal) {
    return switch (refusal) {
      case MISSING_HEADER -> "missing_signature";
      case MALFORMED_HEADER -> "malformed_signature";
      case SIGNATURE_MISMATCH -> "signature_mismatch";
      case TIMESTAMP_OUTSIDE_TOLERANCE -> "timestamp_outside_tolerance";
    };
  }

  /** The reason of any failure of the inbound path: a {@link Refusal}'s own, else by problem type. */
  public static String reasonOf(Throwable failure) {
    if (failure instanceof Refusal refusal) {
      return refusal.reason();
    }
    if (failure instanceof InletProblem problem) {
      return switch (problem.type()) {
        case METHOD_NOT_ALLOWED -> "method_not_allowed";
        case UNAUTHORIZED -> "unauthorized";
        case RATE_LIMITED -> "rate_limited";
        case PAYLOAD_TOO_LARGE -> "body_too_large";
        case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
        case UNAVAILABLE -> "unavailable";
        default -> problem.type().name().toLowerCase(java.util.Locale.ROOT);
      };
    }
    return "unavailable";
  }
}
