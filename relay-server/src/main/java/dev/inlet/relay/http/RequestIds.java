package dev.inlet.relay.http;

import dev.inlet.relay.id.RandomIds;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Every request's id: the caller's {@code X-Request-Id} when it is sane (1–128 of
 * {@code A-Z a-z 0-9 . _ : - /}, so it cannot forge log lines), else a new {@code req_…}. It is
 * returned as {@code X-Request-Id}, put in every problem body as {@code requestId}, and kept on the
 * request's Vert.x context, where the logging reads it ({@code app.RequestIdMdc}) so that every log
 * line of that request carries it — even lines written after a hop to another callback.
 */
public final class RequestIds implements Handler<RoutingContext> {
  public static final String HEADER = "X-Request-Id";
  /** The key of the id on the routing context and on the request's Vert.x context. */
  public static final String KEY = "inlet.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/\\-]{1,128}");

  private final AccessLog accessLog;

  public RequestIds(AccessLog accessLog) {
    this.accessLog = accessLog;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : newId();
    ctx.put(KEY, id);
    ContextInternal context = ContextInternal.current();
    if (context != null) {
      locals(context).put(KEY, id);
    }
    ctx.response().putHeader(HEADER, id);
    accessLog.track(ctx);
    ctx.next();
  }

  /** The id of the request {@code ctx} serves (null before this handler ran). */
  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** The id of the request whose Vert.x context the calling thread runs, or null. */
  public static String current() {
    ContextInternal context = ContextInternal.current();
    return context == null ? null : (String) locals(context).get(KEY);
  }

  /**
   * The request's own map on its (duplicated) Vert.x context. Vert.x's map of context locals, not a
   * {@code ContextLocal} of ours: that would have to be registered before any Vertx instance of the
   * JVM exists, and the log filter reads it on every Vert.x thread, whichever instance it belongs to.
   */
  private static java.util.Map<Object, Object> locals(ContextInternal context) {
    return context.getLocal(ContextInternal.LOCAL_MAP, java.util.concurrent.ConcurrentHashMap::new);
  }

  /** {@code req_} and 22 random base-62 digits. */
  static String newId() {
    return RandomIds.next("req_");
  }
}
