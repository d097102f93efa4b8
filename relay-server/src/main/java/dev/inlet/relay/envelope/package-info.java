/**
 * How a delivered message is written for consumers, whichever route delivers it ({@code next},
 * {@code receive}, the SSE stream): the {@code Inlet-Meta} header, RFC 8288 settle links, and the
 * JSON envelope with the provider's body embedded as JSON or as base64 of its exact bytes.
 */
package dev.inlet.relay.envelope;
