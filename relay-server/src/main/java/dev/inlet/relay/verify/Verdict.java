package dev.inlet.relay.verify;

import java.util.Objects;

/** The outcome of a verification: accepted, or refused with a reason. */
public record Verdict(RefusalReason refusal) {

  private static final Verdict ACCEPTED = new Verdict(null);

  public static Verdict accepted() {
    return ACCEPTED;
  }

  public static Verdict refused(RefusalReason reason) {
    return new Verdict(Objects.requireNonNull(reason, "reason"));
  }

  public boolean isAccepted() {
    return refusal == null;
  }

  public static Verdict of(boolean signatureMatches) {
    return signatureMatches ? ACCEPTED : refused(RefusalReason.SIGNATURE_MISMATCH);
  }

  /**
   * The signature is judged first, so a stale refusal always means an authentic but old request.
   */
  public static Verdict of(boolean signatureMatches, boolean withinTolerance) {
    if (!signatureMatches) {
      return refused(RefusalReason.SIGNATURE_MISMATCH);
    }
    return withinTolerance ? ACCEPTED : refused(RefusalReason.TIMESTAMP_OUTSIDE_TOLERANCE);
  }
}
