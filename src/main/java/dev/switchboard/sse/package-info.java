/**
 * Server-Sent Event streams with non-blocking writes that keep only the newest event for
 * a client that reads slowly.
 */
package dev.switchboard.sse;
