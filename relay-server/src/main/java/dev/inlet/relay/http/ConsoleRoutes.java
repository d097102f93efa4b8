package dev.inlet.relay.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web console at {@code /console}: static files from the jar (our own under {@code console/},
 * Preact and uPlot from their WebJars), read once at start and served with a strict
 * Content-Security-Policy. The console is a client of the {@code /v1} API like any other; nothing
 * here authenticates or reads data. {@code /} redirects to it.
 */
public final class ConsoleRoutes {
  /** Kept in step with the WebJar versions in relay-server/pom.xml (ConsoleAssetsTest loads each). */
  static final String PREACT_VERSION = "10.24.3";
  static final String UPLOT_VERSION = "1.6.30";

  /**
   * Nothing inline, nothing from elsewhere: scripts, styles, fetches and images come from this origin
   * only, and no page may frame the console (clickjacking).
   */
  public static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
      "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
      "frame-ancestors 'none'");

  private static final String OWN = "console/";
  private static final String WEBJARS = "META-INF/resources/webjars/";
  private static final String[] OWN_FILES = {
      "index.html", "console.css", "app.js", "api.js", "ui.js", "format.js", "chart.js", "signin.js",
      "overview.js", "endpoint.js", "event.js", "queue.js", "tokens.js"};

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  record Asset(Buffer bytes, String contentType, String etag) {}

  public ConsoleRoutes() {
    for (String file : OWN_FILES) {
      assets.put("/console/" + file, load(OWN + file));
    }
    assets.put("/console/vendor/preact.module.js", load(WEBJARS + "preact/" + PREACT_VERSION + "/dist/preact.module.js"));
    assets.put("/console/vendor/uPlot.esm.js", load(WEBJARS + "uplot/" + UPLOT_VERSION + "/dist/uPlot.esm.js"));
    assets.put("/console/vendor/uPlot.min.css", load(WEBJARS + "uplot/" + UPLOT_VERSION + "/dist/uPlot.min.css"));
  }

  /** GET and HEAD (what `curl -I` and link checkers send) of the console's files. */
  public void mount(Router root) {
    root.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> redirect(ctx, "/console/"));
    // Vert.x matches "/console" and "/console/" alike: the slash decides (relative paths need it).
    root.route("/console").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      if (ctx.request().path().endsWith("/")) {
        serve(ctx, assets.get("/console/index.html"));
      } else {
        redirect(ctx, "/console/");
      }
    });
    root.route("/console/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      Asset asset = assets.get(ctx.request().path());
      if (asset == null) {
        ctx.next();
        return;
      }
      serve(ctx, asset);
    });
  }

  private static void redirect(RoutingContext ctx, String location) {
    secure(ctx);
    ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
  }

  private static void serve(RoutingContext ctx, Asset asset) {
    secure(ctx);
    var response = ctx.response().putHeader(HttpHeaders.ETAG, asset.etag())
        // Revalidated on every load: an upgraded relay serves its own console at once.
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    if (asset.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType()).end(asset.bytes());
  }

  private static void secure(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin");
  }

  private static Asset load(String resource) {
    try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("console asset missing from the jar: " + resource);
      }
      byte[] bytes = in.readAllBytes();
      String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
      return new Asset(Buffer.buffer(bytes), contentType(resource), etag);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String contentType(String resource) {
    if (resource.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (resource.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/javascript; charset=utf-8";
  }
}
