/**
 * Providers (verification schemes), one class each behind {@link dev.inlet.relay.provider.Provider}:
 * how a provider's requests are verified, where its event id and type are found, which
 * configuration it needs, and which handshakes it answers. {@link
 * dev.inlet.relay.provider.Providers} is the only list. Built from {@code verify} and {@code
 * handshake}; knows nothing of endpoints, storage or HTTP.
 */
package dev.inlet.relay.provider;
