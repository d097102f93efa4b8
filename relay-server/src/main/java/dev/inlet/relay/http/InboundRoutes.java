package dev.inlet.relay.http;

import dev.inlet.relay.endpoint.Scheme;
import dev.inlet.relay.handshake.HandshakeReply;
import dev.inlet.relay.handshake.HandshakeRequest;
import dev.inlet.relay.handshake.Handshakes;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.ingest.EndpointDirectory;
import dev.inlet.relay.ingest.GroupCommitter;
import dev.inlet.relay.ingest.InboundRequest;
import dev.inlet.relay.ingest.IngestEndpoint;
import dev.inlet.relay.ingest.IngestMetrics;
import dev.inlet.relay.ingest.IngestMetrics.Outcome;
import dev.inlet.relay.ingest.IngestResult;
import dev.inlet.relay.ingest.Ingestor;
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
 * never past its limit; handshakes are answered here; everything else is verified, then stored
 * before the provider hears 2xx.
 */
final class InboundRoutes {
  private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.GET);

  private final EndpointDirectory directory;
  private final Ingestor ingestor;
  private final GroupCommitter committer;
  private final IngestMetrics metrics;
  private final Supplier<String> publicUrl;

  InboundRoutes(EndpointDirectory directory, Ingestor ingestor, GroupCommitter committer, IngestMetrics metrics,
      Supplier<String> publicUrl) {
    this.directory = directory;
    this.ingestor = ingestor;
    this.committer = committer;
    this.metrics = metrics;
    this.publicUrl = publicUrl;
  }

  void mount(Router router) {
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
    directory.lookup(id.get()).onComplete(found -> {
      if (found.failed()) {
        finish(ctx, "unknown", Outcome.UNAVAILABLE, start, unavailable());
      } else if (found.result().isEmpty() || !found.result().get().accepting()) {
        finish(ctx, "unknown", Outcome.NOT_FOUND, start, InletProblem.notFound("no such endpoint"));
      } else {
        receive(ctx, found.result().get(), start);
      }
    });
  }

  private void receive(RoutingContext ctx, IngestEndpoint endpoint, long start) {
    String scheme = endpoint.scheme().wireName();
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
        process(ctx, endpoint, toInbound(ctx, read.result()), start);
      } catch (InletProblem problem) {
        finish(ctx, scheme, problem.type() == ProblemType.UNAUTHORIZED ? Outcome.REFUSED : Outcome.UNAVAILABLE,
            start, problem);
      } catch (RuntimeException unexpected) {
        // Inside a callback nothing else would answer: the provider must not be left hanging.
        metrics.request(scheme, Outcome.UNAVAILABLE, start);
        ctx.fail(unexpected);
      }
    });
  }

  private void process(RoutingContext ctx, IngestEndpoint endpoint, InboundRequest inbound, long start) {
    String scheme = endpoint.scheme().wireName();
    boolean signedHandshakes = endpoint.scheme() == Scheme.SLACK || endpoint.scheme() == Scheme.ZOOM;
    if (signedHandshakes) {
      // Slack and Zoom sign their handshakes, and Zoom's answer proves we hold the secret.
      ingestor.verify(endpoint, inbound);
    }
    Optional<HandshakeReply> reply = mayBeHandshake(endpoint, inbound)
        ? Handshakes.answer(new HandshakeRequest(inbound.method(), inbound.query(), inbound.headers(),
            inbound.body().getBytes(), inbound.contentType()), endpoint.verification())
        : Optional.empty();
    if (reply.isPresent()) {
      metrics.request(scheme, Outcome.HANDSHAKE, start);
      HandshakeReply handshake = reply.get();
      handshake.headers().forEach(ctx.response()::putHeader);
      ctx.response().setStatusCode(handshake.status()).putHeader("Content-Type", handshake.contentType())
          .end(handshake.body());
      return;
    }
    if (inbound.method().equals("GET")) {
      finish(ctx, scheme, Outcome.REFUSED, start,
          new InletProblem(ProblemType.METHOD_NOT_ALLOWED, "GET is only for verification handshakes"));
      return;
    }
    if (!signedHandshakes) {
      ingestor.verify(endpoint, inbound);
    }
    ingestor.ingest(endpoint, inbound, committer).onComplete(stored -> {
      if (stored.succeeded()) {
        accepted(ctx, endpoint, stored.result(), start);
      } else if (stored.cause() instanceof InletProblem) {
        InletProblem problem = (InletProblem) stored.cause();
        finish(ctx, scheme, problem.type() == ProblemType.RATE_LIMITED ? Outcome.RATE_LIMITED : Outcome.UNAVAILABLE,
            start, problem);
      } else {
        finish(ctx, scheme, Outcome.UNAVAILABLE, start, unavailable());
      }
    });
  }

  /**
   * Handshakes come as GETs, as Graph's {@code validationToken}, or as Slack's and Zoom's signed JSON
   * posts; other posts skip the check, which would parse every JSON body once more.
   */
  private static boolean mayBeHandshake(IngestEndpoint endpoint, InboundRequest inbound) {
    return "GET".equals(inbound.method()) || inbound.query().containsKey("validationToken")
        || endpoint.scheme() == Scheme.SLACK || endpoint.scheme() == Scheme.ZOOM;
  }

  private void accepted(RoutingContext ctx, IngestEndpoint endpoint, IngestResult result, long start) {
    JsonObject body = new JsonObject().put("eventId", result.eventId());
    Outcome outcome;
    if (result.duplicate()) {
      body.put("duplicate", true);
      outcome = Outcome.DUPLICATE;
    } else {
      outcome = endpoint.targets().isEmpty() ? Outcome.UNROUTED : Outcome.ACCEPTED;
    }
    metrics.request(endpoint.scheme().wireName(), outcome, start);
    Responses.json(ctx, result.duplicate() ? 200 : 202, body);
  }

  private void tooLarge(RoutingContext ctx, IngestEndpoint endpoint, long start) {
    metrics.request(endpoint.scheme().wireName(), Outcome.TOO_LARGE, start);
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

  private static InletProblem unavailable() {
    return new InletProblem(ProblemType.UNAVAILABLE, "the event could not be stored; retry later", List.of(),
        Map.of("Retry-After", "5"));
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
