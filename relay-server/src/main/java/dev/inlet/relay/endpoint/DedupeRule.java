package dev.inlet.relay.endpoint;

/**
 * Where two deliveries of one event are recognised, overriding the provider's default: a header, a
 * JSON pointer, or ({@code bodyHash}) the SHA-256 of the body, for schemes whose signature covers
 * the body alone and so can be replayed with a fresh delivery id.
 */
public record DedupeRule(String header, String jsonPointer, boolean bodyHash) {}
