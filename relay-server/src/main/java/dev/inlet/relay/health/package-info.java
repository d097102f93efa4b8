/** Liveness and readiness of this relay node, as {@code /healthz} and {@code /readyz} report them. */
package dev.inlet.relay.health;
