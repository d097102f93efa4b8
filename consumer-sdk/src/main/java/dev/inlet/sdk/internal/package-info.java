/**
 * Machinery behind the public SDK types: header parsing, backoff, the response cache, the SSE parser,
 * and the {@code Worker}'s pieces (pull loop, stream dispatcher, handler pool, processing policy,
 * lease keeper). Not an API; anything here may change without notice.
 */
package dev.inlet.sdk.internal;
