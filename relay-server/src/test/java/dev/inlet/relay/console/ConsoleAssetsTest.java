package dev.inlet.relay.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's files: served from the jar with a strict CSP, and nothing fetched from elsewhere. */
class ConsoleAssetsTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();

  static final List<String> ASSETS = List.of("/console/", "/console/app.js", "/console/api.js", "/console/ui.js",
      "/console/format.js", "/console/chart.js", "/console/signin.js", "/console/overview.js", "/console/endpoint.js",
      "/console/event.js", "/console/queue.js", "/console/tokens.js", "/console/console.css",
      "/console/vendor/preact.module.js", "/console/vendor/uPlot.esm.js", "/console/vendor/uPlot.min.css");

  /** What would make a browser fetch from another origin: an import, a src/href, a CSS url() or @import. */
  static final Pattern EXTERNAL = Pattern.compile(
      "(?:import\\s*(?:[^'\"]*from\\s*)?|src\\s*=\\s*|href\\s*=\\s*|url\\(\\s*|@import\\s*)['\"]?(?:https?:)?//", Pattern.CASE_INSENSITIVE);

  @Test
  void everyAssetIsServedWithTheSecurityHeaders() {
    for (String path : ASSETS) {
      Response response = api.anonymous().get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.header("Content-Security-Policy")).as(path)
          .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
      assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      String type = response.header("Content-Type");
      if (path.endsWith(".js")) {
        assertThat(type).as(path).startsWith("text/javascript");
      } else if (path.endsWith(".css")) {
        assertThat(type).as(path).startsWith("text/css");
      } else {
        assertThat(type).as(path).startsWith("text/html");
      }
    }
  }

  @Test
  void noAssetLoadsAnythingFromAnotherOrigin() {
    for (String path : ASSETS) {
      String body = api.anonymous().get(path).asString();
      Matcher external = EXTERNAL.matcher(body);
      assertThat(external.find()).as(path + " refers to another origin: " + (external.find(0) ? external.group() : "")).isFalse();
    }
    String index = api.anonymous().get("/console/").asString();
    assertThat(index).as("no inline script or style").doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
        .doesNotContain("<style", "style=", "onload=", "onclick=");
  }

  @Test
  void theRootAndTheBarePathRedirectToTheConsole() {
    for (String path : List.of("/", "/console")) {
      Response response = api.anonymous().redirects().follow(false).get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(302);
      assertThat(response.header("Location")).as(path).isEqualTo("/console/");
    }
  }

  @Test
  void aHeadRequestGetsTheHeadersWithoutTheBody() {
    Response head = api.anonymous().head("/console/");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(head.contentType()).startsWith("text/html");
    assertThat(head.asString()).isEmpty();
  }

  @Test
  void anUnchangedAssetIsNotSentAgain() {
    Response first = api.anonymous().get("/console/app.js");
    String etag = first.header("ETag");
    assertThat(etag).isNotBlank();
    Response again = api.anonymous().header("If-None-Match", etag).get("/console/app.js");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.asString()).isEmpty();
  }

  @Test
  void anUnknownConsolePathIsAProblem() {
    Response response = api.anonymous().get("/console/nope.js");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  @Test
  void meSaysWhoTheTokenIs() {
    Api.TenantAccess acme = relay.newTenant("me");
    Response admin = api.as(acme.adminToken()).get("/v1/me");
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.<String>path("kind")).isEqualTo("tenant");
    assertThat(admin.<String>path("tenantId")).isEqualTo(acme.id());
    assertThat(admin.<String>path("tenantName")).isEqualTo(acme.name());
    assertThat(admin.<List<String>>path("scopes")).containsExactly("admin");
    assertThat(admin.<Boolean>path("canWrite")).isTrue();
    assertThat(admin.<String>path("expiresAt")).isNotBlank();

    Response inspect = api.as(api.mintToken(acme.adminToken(), List.of("inspect"))).get("/v1/me");
    assertThat(inspect.<List<String>>path("scopes")).containsExactly("inspect");
    assertThat(inspect.<Boolean>path("canWrite")).isFalse();

    Response operator = api.asOperator().get("/v1/me");
    assertThat(operator.<String>path("kind")).isEqualTo("operator");
    assertThat(operator.<Boolean>path("canWrite")).isFalse();
  }

  @Test
  void meWithoutAValidTokenIsA401Problem() {
    for (Response response : List.of(api.anonymous().get("/v1/me"), api.as("garbage").get("/v1/me"))) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.<String>path("title")).isNotBlank();
    }
  }
}
