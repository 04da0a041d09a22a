/**
 * Replies and errors shared by every feature: acknowledgements, error replies on
 * {@code /user/queue/errors} and from the HTTP API, and STOMP ERROR frames.
 */
package dev.switchboard.system;
