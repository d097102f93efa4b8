/**
 * Authentication and authorisation: the operator token, tenant JWTs with scopes, revocation, and
 * the {@link dev.inlet.relay.auth.Principal} every request is resolved to before any handler runs.
 */
package dev.inlet.relay.auth;
