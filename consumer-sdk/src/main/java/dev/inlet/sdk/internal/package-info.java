/**
 * Machinery behind the public SDK types: header parsing, backoff and the response cache.
 * Not an API; anything here may change without notice.
 */
package dev.inlet.sdk.internal;
