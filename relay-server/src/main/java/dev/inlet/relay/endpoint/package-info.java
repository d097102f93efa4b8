/**
 * Inbound endpoints: their verification settings, dedupe rule, body limit and routes to queues.
 * Secrets are write-only: stored for verification, never returned.
 */
package dev.inlet.relay.endpoint;
