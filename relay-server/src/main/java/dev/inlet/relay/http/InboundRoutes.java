package dev.inlet.relay.http;

import dev.inlet.relay.handshake.HandshakeReply;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.ingest.GroupCommitter;
import dev.inlet.relay.ingest.InboundOutcome;
import dev.inlet.relay.ingest.InboundPipeline;
import dev.inlet.relay.ingest.InboundRequest;
import dev.inlet.relay.ingest.IngestBudget;
import dev.inlet.relay.ingest.IngestEndpoint;
import dev.inlet.relay.ingest.IngestMetrics;
import dev.inlet.relay.ingest.IngestMetrics.Outcome;
import dev.inlet.relay.ingest.IngestResult;
import dev.inlet.relay.ingest.Refusal;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /in/{endpointId}}: where providers post. The body is read only for a live endpoint, and
 * never past its limit; then the {@link InboundPipeline} answers the handshake or verifies and
 * stores the event, and this renders its outcome.
 */
public final class InboundRoutes {
  private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.GET);

  private final InboundPipeline pipeline;
  private final GroupCommitter committer;
  private final IngestMetrics metrics;
  private final Supplier<String> publicUrl;
  private final long bodyTimeoutMillis;
  private final IngestBudget budget;

  /** Refused requests held unread at once on one event loop before their answer; more are answered at once. */
  static final int MAX_HELD = 1_024;

  /** Requests held now (this instance lives on one event loop). */
  private int held;

  /** A refused request's unread body this small is read and dropped; a larger one closes the connection. */
  static final long DRAIN_LIMIT_BYTES = 64 * 1024;

  /**
   * {@code committer} batches this event loop's requests: one per HTTP verticle. A body must arrive
   * whole within {@code bodyTimeoutMillis} of the headers (a slow sender holds a connection and a
   * buffer otherwise).
   */
  public InboundRoutes(InboundPipeline pipeline, GroupCommitter committer, Supplier<String> publicUrl,
      long bodyTimeoutMillis, IngestBudget budget) {
    this.bodyTimeoutMillis = bodyTimeoutMillis;
    this.budget = budget;
    this.pipeline = pipeline;
    this.committer = committer;
    this.metrics = pipeline.metrics();
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    router.route("/in/:endpointId").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    HttpServerRequest request = ctx.request();
    // Hold the body back until we know the endpoint exists and what it may send.
    request.pause();
    if (!METHODS.contains(request.method())) {
      finish(ctx, "unknown", Outcome.REFUSED, start,
          new InletProblem(ProblemType.METHOD_NOT_ALLOWED, "inbound endpoints take POST, PUT or PATCH"));
      return;
    }
    Optional<EndpointId> id = EndpointId.parse(ctx.pathParam("endpointId"));
    if (id.isEmpty()) {
      finish(ctx, "unknown", Outcome.NOT_FOUND, start, InletProblem.notFound("no such endpoint"));
      return;
    }
    pipeline.endpoint(id.get()).onComplete(found -> {
      if (found.failed()) {
        finish(ctx, "unknown", Outcome.UNAVAILABLE, start, InboundPipeline.unavailable());
      } else if (found.result().isEmpty() || !found.result().get().accepting()) {
        found.result().ifPresent(known -> logRefused(ctx, known, "endpoint_disabled"));
        finish(ctx, "unknown", Outcome.NOT_FOUND, start, InletProblem.notFound("no such endpoint"));
      } else {
        receive(ctx, found.result().get(), start);
      }
    });
  }

  private void receive(RoutingContext ctx, IngestEndpoint endpoint, long start) {
    ctx.put(AccessLog.TENANT, endpoint.tenantId().value());
    String declared = ctx.request().getHeader("Content-Length");
    if (declared != null && parseLong(declared) > endpoint.maxBodyBytes()) {
      tooLarge(ctx, endpoint, start);
      return;
    }
    pipeline.admit(endpoint, start).onComplete(admission -> {
      if (admission.failed()) {
        ctx.fail(admission.cause());
      } else {
        admitted(ctx, endpoint, start, admission.result());
      }
    });
  }

  private void admitted(RoutingContext ctx, IngestEndpoint endpoint, long start, InboundPipeline.Admitted admitted) {
    String scheme = endpoint.scheme();
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    if (admitted.refusal() != null) {
      logRefused(ctx, endpoint, Refusal.reasonOf(admitted.refusal()));
      refuseLater(ctx, admitted.refusal(), admitted.delayMillis());
      return;
    }
    Reservation reservation = new Reservation();
    ctx.addEndHandler(ended -> reservation.releaseAll());
    long known = declared == null ? -1 : parseLong(declared);
    if (known > 0 && !reservation.add(known)) {
      overBudget(ctx, endpoint, start);
      return;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      ctx.response().writeContinue();
    }
    readBody(ctx, endpoint.maxBodyBytes(), bodyTimeoutMillis, known > 0 ? null : reservation).onComplete(read -> {
      if (read.failed()) {
        if (read.cause() instanceof OverBudget) {
          overBudget(ctx, endpoint, start);
        } else if (read.cause() instanceof BodyTooLarge) {
          tooLarge(ctx, endpoint, start);
        } else if (read.cause() instanceof BodyTooSlow) {
          tooSlow(ctx, endpoint, start);
        } else {
          ctx.fail(read.cause());
        }
        return;
      }
      try {
        pipeline.process(endpoint, toInbound(ctx, read.result()), committer, start, admitted.budget())
            .onComplete(outcome -> {
              if (outcome.succeeded()) {
                render(ctx, outcome.result());
              } else if (outcome.cause() instanceof InletProblem) {
                ProblemRenderer.render(ctx, (InletProblem) outcome.cause());
              } else {
                ProblemRenderer.render(ctx, InboundPipeline.unavailable());
              }
            });
      } catch (RuntimeException unexpected) {
        // Inside a callback nothing else would answer: the provider must not be left hanging.
        metrics.request(scheme, Outcome.UNAVAILABLE, start);
        ctx.fail(unexpected);
      }
    });
  }

  private static void render(RoutingContext ctx, InboundOutcome outcome) {
    if (outcome instanceof InboundOutcome.Handshake handshake) {
      HandshakeReply reply = handshake.reply();
      reply.headers().forEach(ctx.response()::putHeader);
      ctx.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType()).end(reply.body());
      return;
    }
    IngestResult result = ((InboundOutcome.Stored) outcome).result();
    JsonObject body = new JsonObject().put("eventId", result.eventId());
    if (result.duplicate()) {
      body.put("duplicate", true);
    }
    Responses.json(ctx, result.duplicate() ? 200 : 202, body);
  }

  /** Bytes this request holds of the node's {@link IngestBudget}, given back when its exchange ends. */
  private final class Reservation {
    private long bytes;

    boolean add(long more) {
      if (!budget.tryReserve(more)) {
        return false;
      }
      bytes += more;
      return true;
    }

    void releaseAll() {
      budget.release(bytes);
      bytes = 0;
    }
  }

  /** A request refused before its body was read: the log gets its headers and declared size. */
  private void logRefused(RoutingContext ctx, IngestEndpoint endpoint, String reason) {
    HttpServerRequest request = ctx.request();
    pipeline.requestLog().refused(endpoint, request.method().name(), headersJson(request.headers()),
        request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
        Math.max(0, parseLong(String.valueOf(request.getHeader("Content-Length")))), null, reason);
  }

  private void overBudget(RoutingContext ctx, IngestEndpoint endpoint, long start) {
    metrics.request(endpoint, Outcome.UNAVAILABLE, start);
    logRefused(ctx, endpoint, "relay_busy");
    closeAfterAnswer(ctx);
    ProblemRenderer.render(ctx, new InletProblem(ProblemType.UNAVAILABLE,
        "this relay node is holding as many webhook bodies as it may; retry later", List.of(),
        Map.of("Retry-After", "2")));
  }

  private void tooSlow(RoutingContext ctx, IngestEndpoint endpoint, long start) {
    metrics.request(endpoint, Outcome.REFUSED, start);
    logRefused(ctx, endpoint, "body_timeout");
    closeAfterAnswer(ctx);
    ProblemRenderer.render(ctx, new InletProblem(ProblemType.REQUEST_TIMEOUT,
        "the body did not arrive within " + bodyTimeoutMillis / 1000 + " s"));
  }

  /**
   * The rest of the body is not wanted: close an HTTP/1 connection rather than keep it. (HTTP/2 ends
   * just this stream with the response; its connection serves other requests.) Closing a socket
   * with unread bytes in it resets the connection, and a client still sending may then lose the
   * answer before it reads it; so up to {@link #DISCARD_BYTES} more of the body are read and thrown
   * away, for at most {@link #DISCARD_MILLIS}, before the connection closes.
   */
  private static void closeAfterAnswer(RoutingContext ctx) {
    if (ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
      // An end handler of the context's, not the response's: that one is the router's, which ends
      // the exchange's accounting (in flight, body budget).
      ctx.response().putHeader("Connection", "close");
      ctx.addEndHandler(done -> discardThenClose(ctx.vertx(), ctx.request()));
    }
  }

  static final long DISCARD_BYTES = 1 << 20;
  static final long DISCARD_MILLIS = 2_000;

  private static void discardThenClose(Vertx vertx, HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long[] read = {0};
    long timer = vertx.setTimer(DISCARD_MILLIS, id -> connection.close());
    Runnable close = () -> {
      vertx.cancelTimer(timer);
      connection.close();
    };
    try {
      request.handler(chunk -> {
        read[0] += chunk.length();
        if (read[0] > DISCARD_BYTES) {
          close.run();
        }
      });
      request.endHandler(v -> close.run());
      request.exceptionHandler(e -> close.run());
      request.resume();
    } catch (IllegalStateException alreadyRead) {
      close.run();
    }
  }

  private void tooLarge(RoutingContext ctx, IngestEndpoint endpoint, long start) {
    metrics.request(endpoint, Outcome.TOO_LARGE, start);
    logRefused(ctx, endpoint, "body_too_large");
    closeAfterAnswer(ctx);
    ProblemRenderer.render(ctx, new InletProblem(ProblemType.PAYLOAD_TOO_LARGE,
        "the body is larger than this endpoint's limit of " + endpoint.maxBodyBytes() + " bytes"));
  }

  private void finish(RoutingContext ctx, String scheme, Outcome outcome, long start, InletProblem problem) {
    metrics.request(scheme, outcome, start);
    refuseUnread(ctx, problem);
  }

  /**
   * Answers {@code problem} after {@code delayMillis}, the request paused meanwhile so its body
   * waits in the sender's socket (a tarpit: the relay holds a timer, not the bytes).
   */
  private void refuseLater(RoutingContext ctx, InletProblem problem, long delayMillis) {
    if (delayMillis <= 0 || held >= MAX_HELD) {
      refuseUnread(ctx, problem);
      return;
    }
    held++;
    ctx.vertx().setTimer(delayMillis, timer -> {
      held--;
      if (!ctx.response().ended() && !ctx.response().closed()) {
        refuseUnread(ctx, problem);
      }
    });
  }

  /**
   * Answers {@code problem} to a request whose body was not read: a small body is read and dropped,
   * so the connection can serve the client's next request; a large or unbounded one is not worth
   * reading, so the connection closes after the answer.
   */
  private static void refuseUnread(RoutingContext ctx, InletProblem problem) {
    boolean unread = !ctx.request().isEnded();
    long declared = parseLong(String.valueOf(ctx.request().getHeader("Content-Length")));
    boolean drain = unread && declared >= 0 && declared <= DRAIN_LIMIT_BYTES;
    if (unread && !drain) {
      closeAfterAnswer(ctx);
    }
    ProblemRenderer.render(ctx, problem);
    if (drain) {
      ctx.request().handler(ignored -> { }).resume();
    }
  }

  /**
   * Reads the whole body, failing with {@link BodyTooLarge} as soon as it passes {@code limit}, and
   * with {@link BodyTooSlow} when it is not whole within {@code timeoutMillis}.
   */
  private static Future<Buffer> readBody(RoutingContext ctx, int limit, long timeoutMillis, Reservation chunked) {
    HttpServerRequest request = ctx.request();
    Promise<Buffer> promise = Promise.promise();
    long timer = ctx.vertx().setTimer(timeoutMillis, id -> {
      if (promise.tryFail(new BodyTooSlow())) {
        request.pause();
      }
    });
    promise.future().onComplete(done -> ctx.vertx().cancelTimer(timer));
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (body.length() + chunk.length() > limit) {
        request.pause();
        promise.tryFail(new BodyTooLarge());
      } else if (chunked != null && !chunked.add(chunk.length())) {
        // No Content-Length: the budget is taken chunk by chunk as the body arrives.
        request.pause();
        promise.tryFail(new OverBudget());
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    request.resume();
    return promise.future();
  }

  private InboundRequest toInbound(RoutingContext ctx, Buffer body) {
    HttpServerRequest request = ctx.request();
    JsonObject headersJson = headersJson(request.headers());
    String contentType = request.getHeader("Content-Type");
    Map<String, List<String>> form = Map.of();
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      form = new QueryStringDecoder(body.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters();
    }
    String uri = request.uri();
    return new InboundRequest(request.method().name(), publicUrl.get() + uri, uri, request.headers()::get,
        headersJson, contentType, body, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
        new QueryStringDecoder(uri).parameters(), form);
  }

  /** Every header, name (lower case) to its values. */
  private static JsonObject headersJson(MultiMap headers) {
    JsonObject json = new JsonObject();
    for (String name : headers.names()) {
      json.put(name.toLowerCase(java.util.Locale.ROOT), new JsonArray(headers.getAll(name)));
    }
    return json;
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The node's budget of held bodies ran out while this one arrived. */
  private static final class OverBudget extends RuntimeException {
    OverBudget() {
      super("over the ingest budget", null, false, false);
    }
  }

  /** The body did not arrive in time. */
  private static final class BodyTooSlow extends RuntimeException {
    BodyTooSlow() {
      super("body too slow", null, false, false);
    }
  }

  /** The body passed the endpoint's limit. */
  private static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge() {
      super("body too large", null, false, false);
    }
  }
}
