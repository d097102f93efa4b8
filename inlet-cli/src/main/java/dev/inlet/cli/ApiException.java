package dev.inlet.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The relay answered with an error: its RFC 9457 problem, printed as title and detail. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient JsonNode problem;

  ApiException(int status, JsonNode problem, String fallback) {
    super(describe(status, problem, fallback));
    this.status = status;
    this.problem = problem;
  }

  int status() {
    return status;
  }

  JsonNode problem() {
    return problem;
  }

  private static String describe(int status, JsonNode problem, String fallback) {
    if (problem == null || !problem.hasNonNull("title")) {
      return status + " " + fallback;
    }
    StringBuilder text = new StringBuilder(problem.get("title").asText());
    if (problem.hasNonNull("detail")) {
      text.append(": ").append(problem.get("detail").asText());
    }
    text.append(" (").append(status).append(')');
    JsonNode errors = problem.get("errors");
    if (errors != null && errors.isArray()) {
      for (JsonNode error : errors) {
        text.append(System.lineSeparator()).append("  ")
            .append(error.path("pointer").asText(error.path("parameter").asText("")))
            .append(": ").append(error.path("detail").asText());
      }
    }
    return text.toString();
  }
}
