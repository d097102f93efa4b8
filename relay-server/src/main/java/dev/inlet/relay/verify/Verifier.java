package dev.inlet.relay.verify;

/** Checks one endpoint's inbound requests. Implementations are immutable and thread safe. */
@FunctionalInterface
public interface Verifier {

  Verdict verify(SignedRequest request);
}
