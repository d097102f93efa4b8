/**
 * Putting stored events back into queues: replay jobs (a time window, run in the background in
 * bounded batches by the node that holds the job's lease, resumable from its cursor) and the resend
 * of one event. Route filters apply again; the messages made are marked as replays.
 */
package dev.inlet.relay.replay;
