package dev.inlet.relay.http;

import dev.inlet.relay.handshake.HandshakeReply;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.ingest.GroupCommitter;
import dev.inlet.relay.ingest.InboundOutcome;
import dev.inlet.relay.ingest.InboundPipeline;
import dev.inlet.relay.ingest.InboundRequest;
import dev.inlet.relay.ingest.IngestEndpoint;
import dev.inlet.relay.ingest.IngestMetrics;
import dev.inlet.relay.ingest.IngestMetrics.Outcome;
import dev.inlet.relay.ingest.IngestResult;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
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

  /** {@code committer} batches this event loop's requests: one per HTTP verticle. */
  public InboundRoutes(InboundPipeline pipeline, GroupCommitter committer, Supplier<String> publicUrl) {
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
        finish(ctx, "unknown", Outcome.NOT_FOUND, start, InletProblem.notFound("no such endpoint"));
      } else {
        receive(ctx, found.result().get(), start);
      }
    });
  }

  private void receive(RoutingContext ctx, IngestEndpoint endpoint, long start) {
    String scheme = endpoint.scheme();
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    if (declared != null && parseLong(declared) > endpoint.maxBodyBytes()) {
      tooLarge(ctx, endpoint, start);
      return;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      ctx.response().writeContinue();
    }
    readBody(request, endpoint.maxBodyBytes()).onComplete(read -> {
      if (read.failed()) {
        if (read.cause() instanceof BodyTooLarge) {
          tooLarge(ctx, endpoint, start);
        } else {
          ctx.fail(read.cause());
        }
        return;
      }
      try {
        pipeline.process(endpoint, toInbound(ctx, read.result()), committer, start).onComplete(outcome -> {
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

  private void tooLarge(RoutingContext ctx, IngestEndpoint endpoint, long start) {
    metrics.request(endpoint.scheme(), Outcome.TOO_LARGE, start);
    // The rest of the body is not wanted: close an HTTP/1 connection rather than read it. (HTTP/2
    // ends just this stream with the response; its connection serves other requests.)
    if (ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
      ctx.response().putHeader("Connection", "close").endHandler(v -> ctx.request().connection().close());
    }
    ProblemRenderer.render(ctx, new InletProblem(ProblemType.PAYLOAD_TOO_LARGE,
        "the body is larger than this endpoint's limit of " + endpoint.maxBodyBytes() + " bytes"));
  }

  private void finish(RoutingContext ctx, String scheme, Outcome outcome, long start, InletProblem problem) {
    metrics.request(scheme, outcome, start);
    ProblemRenderer.render(ctx, problem);
    // A body we never read (unknown endpoint, wrong method) is let through and dropped, so the
    // connection can serve the client's next request.
    if (!ctx.request().isEnded()) {
      ctx.request().handler(ignored -> { }).resume();
    }
  }

  /** Reads the whole body, failing with {@link BodyTooLarge} as soon as it passes {@code limit}. */
  private static Future<Buffer> readBody(HttpServerRequest request, int limit) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (body.length() + chunk.length() > limit) {
        request.pause();
        promise.tryFail(new BodyTooLarge());
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
    MultiMap headers = request.headers();
    JsonObject headersJson = new JsonObject();
    for (String name : headers.names()) {
      headersJson.put(name.toLowerCase(java.util.Locale.ROOT), new JsonArray(headers.getAll(name)));
    }
    String contentType = request.getHeader("Content-Type");
    Map<String, List<String>> form = Map.of();
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      form = new QueryStringDecoder(body.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters();
    }
    String uri = request.uri();
    return new InboundRequest(request.method().name(), publicUrl.get() + uri, uri, headers::get, headersJson,
        contentType, body, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
        new QueryStringDecoder(uri).parameters(), form);
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The body passed the endpoint's limit. */
  private static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge() {
      super("body too large", null, false, false);
    }
  }
}
