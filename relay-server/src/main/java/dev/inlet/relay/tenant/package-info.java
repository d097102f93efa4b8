/** Tenants: the unit of isolation. Creating one also mints its first admin token. */
package dev.inlet.relay.tenant;
