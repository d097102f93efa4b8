/**
 * Checks that an inbound webhook really comes from its provider: one {@link
 * dev.inlet.relay.verify.Verifier} per endpoint, built once by {@link
 * dev.inlet.relay.verify.Verifiers#forConfig} from its scheme and secrets. Pure Java (JDK crypto
 * and Jackson); the HTTP edge adapts its request into a {@link
 * dev.inlet.relay.verify.SignedRequest}. {@link dev.inlet.relay.verify.ProviderIds} finds the
 * provider's event id.
 */
package dev.inlet.relay.verify;
