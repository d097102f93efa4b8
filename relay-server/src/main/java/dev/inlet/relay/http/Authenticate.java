package dev.inlet.relay.http;

import dev.inlet.relay.auth.Principal;
import dev.inlet.relay.auth.TokenService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** Resolves the bearer token to a {@link Principal} before any {@code /v1} handler runs. */
public final class Authenticate implements Handler<RoutingContext> {
  static final String PRINCIPAL = "inlet.principal";
  private static final String BEARER = "bearer ";
  private static final Pattern STREAM_PATH = Pattern.compile("^/v1/queues/[a-z0-9_-]{1,64}/stream$");

  private final TokenService tokens;

  public Authenticate(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = bearerToken(ctx);
    if (token == null && STREAM_PATH.matcher(ctx.request().path()).matches()) {
      // Browsers' EventSource cannot set headers: the stream alone takes the token in its URL.
      token = ctx.queryParams().get("access_token");
    }
    tokens.authenticate(token)
        .onSuccess(principal -> {
          ctx.put(PRINCIPAL, principal);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  private static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return header.substring(BEARER.length()).trim();
  }
}
