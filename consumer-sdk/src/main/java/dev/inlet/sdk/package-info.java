/**
 * Inlet's Java consumer SDK: pull and stream messages from an Inlet relay and settle them
 * ({@link dev.inlet.sdk.InletClient}), run handlers with acks, retries and lease extension
 * ({@link dev.inlet.sdk.Worker}), hydrate the provider's object ({@link dev.inlet.sdk.Hydrator}),
 * process each event once ({@link dev.inlet.sdk.IdempotencyStore}) and catch what webhooks missed
 * ({@link dev.inlet.sdk.Reconciler}).
 */
package dev.inlet.sdk;
