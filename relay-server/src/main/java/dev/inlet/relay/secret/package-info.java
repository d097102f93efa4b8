/**
 * Secrets at rest: AES-256-GCM sealing of what the relay must keep but nobody may read from the
 * database (endpoint secrets, passwords, verify tokens, the JWT signing key). Knows nothing else.
 */
package dev.inlet.relay.secret;
