package dev.inlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** The relay's admin API over java.net.http: JSON in and out, problems turned into ApiException. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient http;

  Api(URI base, String token) {
    this.base = base;
    this.token = token;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  URI base() {
    return base;
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, JsonNode body) {
    return send("POST", path, body);
  }

  JsonNode patch(String path, JsonNode body) {
    return send("PATCH", path, body);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A path segment or query value, percent-encoded. */
  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code path?name=value&…} with the null values left out. */
  static String query(String path, Map<String, ?> params) {
    StringJoiner q = new StringJoiner("&");
    params.forEach((name, value) -> {
      if (value != null) {
        q.add(enc(name) + "=" + enc(String.valueOf(value)));
      }
    });
    return q.length() == 0 ? path : path + "?" + q;
  }

  JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json, application/problem+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response = exchange(request.build());
    return parse(response);
  }

  /** A body as its exact bytes (a problem still becomes ApiException). */
  byte[] bytes(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new Unreachable(base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    if (response.statusCode() / 100 != 2) {
      String text = new String(response.body(), StandardCharsets.UTF_8);
      JsonNode json = null;
      try {
        json = JSON.readTree(text);
      } catch (IOException notJson) {
        json = null;
      }
      throw new ApiException(response.statusCode(), json, text);
    }
    return response.body();
  }

  HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unreachable(base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  static JsonNode parse(HttpResponse<String> response) {
    JsonNode json = null;
    String text = response.body();
    if (text != null && !text.isBlank()) {
      try {
        json = JSON.readTree(text);
      } catch (IOException notJson) {
        json = null;
      }
    }
    if (response.statusCode() / 100 != 2) {
      throw new ApiException(response.statusCode(), json,
          text == null || text.isBlank() ? "(no body)" : text.strip());
    }
    return json == null ? JSON.nullNode() : json;
  }

  /** The relay did not answer at all. */
  static final class Unreachable extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    Unreachable(URI base, IOException cause) {
      super("cannot reach the relay at " + base + ": " + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : " " + cause.getMessage())
          + " (is it running? set INLET_URL or --url)", cause);
    }
  }
}
