package dev.inlet.sdk;

/**
 * What a {@link Worker} has done since it started, as {@link Worker#stats()} read it: for metrics
 * and tests. Each value is read on its own, so the seven are not one atomic cut.
 *
 * @param processed messages whose handler returned (acked)
 * @param failed messages whose handler threw (nacked for a retry)
 * @param rejected messages whose handler threw {@link PermanentFailure} (rejected to the dead letters)
 * @param extended lease extensions made for handlers still running
 * @param duplicates messages acked without running the handler: their event was already processed
 * @param lost settle calls refused or failed (stale lease, transport): the relay will deliver those again
 * @param inFlight handlers running now
 */
public record WorkerStats(long processed, long failed, long rejected, long extended, long duplicates, long lost,
    int inFlight) {}
