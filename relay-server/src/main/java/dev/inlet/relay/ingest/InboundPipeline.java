package dev.inlet.relay.ingest;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.HandshakeReply;
import dev.inlet.relay.handshake.HandshakeRequest;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.EventId;
import dev.inlet.relay.ingest.IngestMetrics.Outcome;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.provider.EventBody;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The inbound path after the body is read: handshake → verify → rate → dedupe key and routes →
 * group commit. The HTTP edge finds the endpoint here, reads the body within the endpoint's limit,
 * and renders what this returns; refusals are {@link InletProblem}s and store nothing. Every
 * outcome is counted in {@link IngestMetrics} here.
 */
public final class InboundPipeline {
  private final EndpointDirectory directory;
  private final TenantRateLimiter rateLimiter;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final SecretLearner learner;

  /** Keeps a secret a provider disclosed in its handshake; whether it was kept (the endpoint had none). */
  @FunctionalInterface
  public interface SecretLearner {
    Future<Boolean> learn(IngestEndpoint endpoint, String secret);
  }

  public InboundPipeline(EndpointDirectory directory, TenantRateLimiter rateLimiter, IngestMetrics metrics,
      Clock clock, SecretLearner learner) {
    this.directory = directory;
    this.learner = learner;
    this.rateLimiter = rateLimiter;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The endpoint, if it exists; it may not be accepting (disabled, or its tenant suspended). */
  public Future<Optional<IngestEndpoint>> endpoint(EndpointId id) {
    return directory.lookup(id);
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  /** Handshake, verify, rate-limit, then store through {@code committer} (this event loop's). */
  public Future<InboundOutcome> process(IngestEndpoint endpoint, InboundRequest request, GroupCommitter committer,
      long startNanos) {
    try {
      return handshakeOrStore(endpoint, request, committer, startNanos);
    } catch (InletProblem refused) {
      metrics.request(endpoint.scheme(), refused.type() == ProblemType.UNAUTHORIZED ? Outcome.REFUSED
          : Outcome.UNAVAILABLE, startNanos);
      return Future.failedFuture(refused);
    }
  }

  private Future<InboundOutcome> handshakeOrStore(IngestEndpoint endpoint, InboundRequest request,
      GroupCommitter committer, long startNanos) {
    // One copy of the body for every check that reads it.
    byte[] body = request.body().getBytes();
    HandshakePolicy handshakes = endpoint.handshakes();
    if (handshakes.verifyFirst()) {
      verify(endpoint, request, body);
    }
    HandshakeRequest handshake = new HandshakeRequest(request.method(), request.query(), request.headers(), body,
        request.contentType());
    if (handshakes.mayApply(handshake)) {
      var reply = handshakes.answer(handshake);
      if (reply.isPresent()) {
        metrics.request(endpoint.scheme(), Outcome.HANDSHAKE, startNanos);
        return reply.get().learnedSecret() == null
            ? Future.succeededFuture(new InboundOutcome.Handshake(reply.get()))
            : learn(endpoint, reply.get());
      }
    }
    if (request.method().equals("GET")) {
      throw new InletProblem(ProblemType.METHOD_NOT_ALLOWED, "GET is only for verification handshakes");
    }
    if (!handshakes.verifyFirst()) {
      verify(endpoint, request, body);
    }
    return store(endpoint, request, body, committer).transform(stored -> {
      if (stored.succeeded()) {
        IngestResult result = stored.result();
        Outcome outcome = result.duplicate() ? Outcome.DUPLICATE
            : endpoint.targets().isEmpty() ? Outcome.UNROUTED : Outcome.ACCEPTED;
        metrics.request(endpoint.scheme(), outcome, startNanos);
        return Future.succeededFuture(new InboundOutcome.Stored(result));
      }
      InletProblem problem = stored.cause() instanceof InletProblem ? (InletProblem) stored.cause() : unavailable();
      metrics.request(endpoint.scheme(), problem.type() == ProblemType.RATE_LIMITED ? Outcome.RATE_LIMITED
          : Outcome.UNAVAILABLE, startNanos);
      return Future.failedFuture(problem);
    });
  }

  /** The handshake is answered only once its secret is stored: a provider must not rely on one we lost. */
  private Future<InboundOutcome> learn(IngestEndpoint endpoint, HandshakeReply reply) {
    return learner.learn(endpoint, reply.learnedSecret()).map(kept -> new InboundOutcome.Handshake(kept
        ? reply.withoutLearnedSecret()
        : HandshakeReply.text(409, "this endpoint already has a secret; send the handshake again")));
  }

  /** Checks the signature; a refusal is a 401 problem naming the reason, counted by scheme. */
  private void verify(IngestEndpoint endpoint, InboundRequest request, byte[] body) {
    Verdict verdict = endpoint.verifier().verify(new SignedRequest(request.method(), request.publicUrl(),
        request.headers(), body, request.formParams(), clock.instant()));
    if (!verdict.isAccepted()) {
      metrics.verificationFailed(endpoint.scheme(), verdict.refusal().metricTag());
      throw new InletProblem(ProblemType.UNAUTHORIZED, verdict.refusal().text());
    }
  }

  /** Within its tenant's rate: stored (or recognised as a duplicate) by the committer. */
  private Future<IngestResult> store(IngestEndpoint endpoint, InboundRequest request, byte[] body,
      GroupCommitter committer) {
    OptionalLong wait = rateLimiter.acquire(endpoint.tenantId(), endpoint.tenantRatePerSecond());
    if (wait.isPresent()) {
      return Future.failedFuture(new InletProblem(ProblemType.RATE_LIMITED,
          "this tenant's ingest rate is exceeded; retry later", List.of(),
          Map.of("Retry-After", Long.toString(Math.max(1, wait.getAsLong())))));
    }
    // Every field read from the body shares one parse of it.
    EventBody fields = EventBody.of(body);
    InboundEvent event = new InboundEvent(endpoint, EventId.random(),
        DedupeKeys.keyFor(endpoint, request.headers(), fields), request.method(), request.pathQuery(),
        Redaction.headers(request.headersJson(), endpoint.redactedHeaders()), request.contentType(), request.body(),
        request.sourceAddress(),
        EventTypes.of(endpoint, request.headers(), fields), RouteFilters.queuesFor(endpoint, request.headers(), fields));
    return committer.submit(event);
  }

  /** The answer when nothing could be stored: the provider retries. */
  public static InletProblem unavailable() {
    return new InletProblem(ProblemType.UNAVAILABLE, "the event could not be stored; retry later", List.of(),
        Map.of("Retry-After", "5"));
  }
}
