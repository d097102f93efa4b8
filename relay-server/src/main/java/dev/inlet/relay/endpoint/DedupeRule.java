package dev.inlet.relay.endpoint;

/** Where the provider's event id is found, overriding the scheme's default: a header or a JSON pointer. */
public record DedupeRule(String header, String jsonPointer) {}
