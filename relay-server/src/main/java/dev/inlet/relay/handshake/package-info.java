/**
 * Verification handshakes (Slack, Zoom, Meta, Microsoft Graph, Dropbox, Twitter/X CRC): requests a
 * provider sends to prove that an endpoint is live, answered at once and never queued. Each kind is
 * one {@link dev.inlet.relay.handshake.Handshake}; a provider says which an endpoint answers with a
 * {@link dev.inlet.relay.handshake.HandshakePolicy}. Pure Java; the HTTP edge renders the {@link
 * dev.inlet.relay.handshake.HandshakeReply}.
 */
package dev.inlet.relay.handshake;
