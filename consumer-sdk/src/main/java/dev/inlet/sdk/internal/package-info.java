/**
 * Machinery behind the public SDK types: header parsing, backoff, the response cache and the SSE parser.
 * Not an API; anything here may change without notice.
 */
package dev.inlet.sdk.internal;
