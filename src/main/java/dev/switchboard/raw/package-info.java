/**
 * The native WebSocket endpoint {@code /raw}: a small JSON protocol over the same
 * messaging pipeline as STOMP, for clients that want no library.
 */
package dev.switchboard.raw;
