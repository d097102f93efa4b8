package dev.inlet.sdk;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The provider API answered with a status that retrying will not fix (a 4xx other than 408/429),
 * or kept failing until the attempts ran out. Callers branch on {@link #status()}.
 */
public final class HydrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient byte[] body;

  public HydrationException(URI uri, int status, byte[] body) {
    // Query strings can carry credentials, so the message names only scheme, host and path.
    super("GET " + withoutQuery(uri) + " returned " + status);
    this.status = status;
    this.body = body == null ? new byte[0] : body.clone();
  }

  public int status() {
    return status;
  }

  public byte[] body() {
    return body.clone();
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  private static String withoutQuery(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
