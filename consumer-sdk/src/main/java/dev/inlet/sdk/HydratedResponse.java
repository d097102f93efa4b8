package dev.inlet.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** An object fetched by {@link Hydrator}: status, headers and body, possibly served from cache. */
public final class HydratedResponse {
  private final URI uri;
  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final boolean fromCache;
  private final ObjectMapper mapper;

  HydratedResponse(
      URI uri, int status, HttpHeaders headers, byte[] body, boolean fromCache, ObjectMapper mapper) {
    this.uri = uri;
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.fromCache = fromCache;
    this.mapper = mapper;
  }

  HydratedResponse asCached() {
    return new HydratedResponse(uri, status, headers, body, true, mapper);
  }

  public URI uri() {
    return uri;
  }

  /** The status of the response that carried the body (200 also when a 304 was served from cache). */
  public int status() {
    return status;
  }

  public HttpHeaders headers() {
    return headers;
  }

  public byte[] body() {
    return body.clone();
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** True when the provider answered 304 Not Modified and the body is the cached one. */
  public boolean fromCache() {
    return fromCache;
  }

  public JsonNode json() {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("body of " + uri.getPath() + " is not JSON", e);
    }
  }

  public <T> T as(Class<T> type) {
    try {
      return mapper.readValue(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException("body of " + uri.getPath() + " is not a " + type.getSimpleName(), e);
    }
  }
}
