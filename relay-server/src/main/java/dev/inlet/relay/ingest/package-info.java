/**
 * The inbound path: endpoints cached for lookup, the {@link dev.inlet.relay.ingest.InboundPipeline}
 * (handshake → verify → rate → dedupe → commit), per-tenant rate limits (one budget shared by the
 * nodes through the database), dedupe keys, route filters, and the group committer that stores
 * concurrent events in one statement before anyone hears 2xx.
 */
package dev.inlet.relay.ingest;
