package dev.inlet.relay.problem;

/** Every kind of error a client can see, with its stable {@code type} URI, title and status. */
public enum ProblemType {
  VALIDATION("validation", "Request is not valid", 400),
  UNAUTHORIZED("unauthorized", "Authentication required", 401),
  FORBIDDEN("forbidden", "Not allowed", 403),
  NOT_FOUND("not-found", "Not found", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
  REQUEST_TIMEOUT("request-timeout", "Request timeout", 408),
  CONFLICT("conflict", "Conflict", 409),
  PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
  UNPROCESSABLE("unprocessable", "Request refers to something that does not exist", 422),
  RATE_LIMITED("rate-limited", "Too many requests", 429),
  INTERNAL("internal", "Internal error", 500),
  UNAVAILABLE("unavailable", "Service unavailable", 503);

  private static final String BASE = "urn:inlet:problem:";

  private final String slug;
  private final String title;
  private final int status;

  ProblemType(String slug, String title, int status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
  }

  public String uri() {
    return BASE + slug;
  }

  public String title() {
    return title;
  }

  public int status() {
    return status;
  }

  /** The type that best describes a bare HTTP status raised by the web layer. */
  public static ProblemType forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status == status) {
        return type;
      }
    }
    return status >= 500 ? INTERNAL : VALIDATION;
  }
}
