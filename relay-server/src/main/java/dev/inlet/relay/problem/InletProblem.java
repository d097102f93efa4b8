package dev.inlet.relay.problem;

import java.util.List;
import java.util.Map;

/**
 * The only failure clients ever see: rendered as an RFC 9457 {@code application/problem+json}
 * body by the HTTP layer's one failure handler.
 */
public class InletProblem extends RuntimeException {
  private final ProblemType type;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  public InletProblem(ProblemType type, String detail) {
    this(type, detail, List.of(), Map.of());
  }

  public InletProblem(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
    super(detail, null, false, false);
    this.type = type;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public static InletProblem notFound(String detail) {
    return new InletProblem(ProblemType.NOT_FOUND, detail);
  }

  public static InletProblem conflict(String detail) {
    return new InletProblem(ProblemType.CONFLICT, detail);
  }

  public static InletProblem unauthorized(String detail) {
    return new InletProblem(ProblemType.UNAUTHORIZED, detail);
  }

  public static InletProblem forbidden(String detail) {
    return new InletProblem(ProblemType.FORBIDDEN, detail);
  }

  public static InletProblem invalid(List<FieldError> errors) {
    String detail = errors.size() == 1 ? errors.get(0).detail() : errors.size() + " fields are not valid";
    return new InletProblem(ProblemType.VALIDATION, detail, errors, Map.of());
  }

  public static InletProblem invalid(String pointer, String detail) {
    return invalid(List.of(new FieldError(pointer, detail)));
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** Extra response headers, such as {@code Retry-After}. */
  public Map<String, String> headers() {
    return headers;
  }
}
