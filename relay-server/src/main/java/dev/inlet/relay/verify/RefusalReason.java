package dev.inlet.relay.verify;

import java.util.Locale;

/** Why a request failed verification. The text is safe to log; it never holds secret material. */
public enum RefusalReason {
  MISSING_HEADER("missing header"),
  MALFORMED_HEADER("malformed header"),
  SIGNATURE_MISMATCH("signature mismatch"),
  TIMESTAMP_OUTSIDE_TOLERANCE("timestamp outside tolerance");

  private final String text;

  RefusalReason(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** A metric tag value such as {@code missing_header}. */
  public String metricTag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
