/**
 * Broker and WebSocket transport configuration.
 */
package dev.switchboard.config;
