/**
 * Inlet's Java consumer SDK: pull and stream messages from an Inlet relay, settle them, hydrate
 * the provider's object ({@link dev.inlet.sdk.Hydrator}), process each event once
 * ({@link dev.inlet.sdk.IdempotencyStore}) and catch what webhooks missed
 * ({@link dev.inlet.sdk.Reconciler}). The client arrives with the consumption API.
 */
package dev.inlet.sdk;
