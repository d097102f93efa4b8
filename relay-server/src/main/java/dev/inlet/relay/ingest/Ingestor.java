package dev.inlet.relay.ingest;

import dev.inlet.relay.id.EventId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns a received request into a stored event: verify, rate-limit, find the dedupe key and the
 * queues, then hand it to the group committer. Refusals are problems and store nothing.
 */
public final class Ingestor {
  private final TenantRateLimiter rateLimiter;
  private final IngestMetrics metrics;

  public Ingestor(TenantRateLimiter rateLimiter, IngestMetrics metrics) {
    this.rateLimiter = rateLimiter;
    this.metrics = metrics;
  }

  /** Checks the signature; a refusal is a 401 problem naming the reason, counted by scheme. */
  public void verify(IngestEndpoint endpoint, InboundRequest request) {
    byte[] body = request.body().getBytes();
    Verdict verdict = endpoint.verifier().verify(new SignedRequest(request.method(), request.publicUrl(),
        request.headers(), body, request.formParams(), Instant.now()));
    if (!verdict.isAccepted()) {
      metrics.verificationFailed(endpoint.scheme().wireName(), verdict.refusal().metricTag());
      throw new InletProblem(ProblemType.UNAUTHORIZED, verdict.refusal().text());
    }
  }

  /** Verified and within its tenant's rate: stored (or recognised as a duplicate) by the committer. */
  public Future<IngestResult> ingest(IngestEndpoint endpoint, InboundRequest request, GroupCommitter committer) {
    OptionalLong wait = rateLimiter.acquire(endpoint.tenantId(), endpoint.tenantRatePerSecond());
    if (wait.isPresent()) {
      return Future.failedFuture(new InletProblem(ProblemType.RATE_LIMITED,
          "this tenant's ingest rate is exceeded; retry later", List.of(),
          Map.of("Retry-After", Long.toString(Math.max(1, wait.getAsLong())))));
    }
    byte[] body = request.body().getBytes();
    InboundEvent event = new InboundEvent(endpoint, EventId.random(),
        DedupeKeys.keyFor(endpoint, request.headers(), body), request.method(), request.pathQuery(),
        request.headersJson(), request.contentType(), request.body(), request.sourceAddress(),
        RouteFilters.queuesFor(endpoint, request.headers(), body));
    return committer.submit(event);
  }
}
