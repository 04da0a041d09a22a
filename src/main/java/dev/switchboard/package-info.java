/**
 * Switchboard: live chat rooms and dashboards over STOMP on WebSocket.
 */
package dev.switchboard;
