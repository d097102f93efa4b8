package dev.inlet.sdk;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem as the relay sends it ({@code application/problem+json}). Branch on
 * {@link #type()} and {@link #status()}, never on {@link #detail()}.
 *
 * @param type stable URI such as {@code urn:inlet:problem:conflict}
 * @param errors the invalid fields of a validation problem; empty otherwise
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
  /** One invalid field: a JSON Pointer into the body, or {@code ?name} for a query parameter. */
  public record FieldError(String pointer, String detail) {}

  public Problem {
    Objects.requireNonNull(type, "type");
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
