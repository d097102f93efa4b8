package dev.inlet.relay.problem;

/**
 * One invalid part of a request: a JSON Pointer into the body ({@code /verification/scheme}), or a
 * parameter given as {@code ?name} for query parameters.
 */
public record FieldError(String pointer, String detail) {}
