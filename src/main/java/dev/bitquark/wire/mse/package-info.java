/**
 * Message stream encryption (MSE/PE), the obfuscation Azureus introduced and libtorrent, qBittorrent and
 * Transmission speak: a Diffie-Hellman exchange, then RC4-obfuscated negotiation in which the two sides pick
 * plain text or RC4 for the rest of the stream. Not a BEP; the reference is the Vuze wiki's "Message Stream
 * Encryption" page. Here only the receiving side is implemented, selecting plain text, which is what those
 * clients offer by default on every outgoing connection before falling back to a plain handshake.
 */
package dev.bitquark.wire.mse;
