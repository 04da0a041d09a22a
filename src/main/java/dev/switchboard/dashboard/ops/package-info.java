/**
 * The operations dashboard and the meters it reads: STOMP traffic, connections, event
 * streams.
 */
package dev.switchboard.dashboard.ops;
