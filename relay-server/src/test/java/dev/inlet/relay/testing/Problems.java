package dev.inlet.relay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;

/** Assertions on RFC 9457 problem responses. */
public final class Problems {
  private Problems() {}

  /** Asserts a problem+json answer with this status and type; returns the pointers it names. */
  public static List<String> assertProblem(Response response, int status, String typeSlug) {
    assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.<String>path("type")).isEqualTo("urn:inlet:problem:" + typeSlug);
    assertThat(response.<Integer>path("status")).isEqualTo(status);
    assertThat(response.<String>path("title")).isNotBlank();
    assertThat(response.<String>path("detail")).isNotBlank();
    assertThat(response.asString()).doesNotContain("Exception").doesNotContain("\tat ");
    List<String> pointers = response.path("errors.pointer");
    return pointers == null ? List.of() : pointers;
  }
}
