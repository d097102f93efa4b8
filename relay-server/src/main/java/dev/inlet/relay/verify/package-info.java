/**
 * The building blocks of signature verification: {@link dev.inlet.relay.verify.Verifier} and its
 * {@link dev.inlet.relay.verify.Verdict}, HMAC keys compared in constant time, timestamp
 * tolerance, and the signature shapes several providers share (one HMAC header, {@code t=..,v1=..}
 * headers, Slack's {@code v0=}, Standard Webhooks, shared tokens, basic auth). Pure Java (JDK crypto
 * and Jackson); which provider uses which shape is said in {@code dev.inlet.relay.provider}.
 */
package dev.inlet.relay.verify;
