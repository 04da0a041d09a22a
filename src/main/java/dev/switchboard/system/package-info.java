/**
 * Cross-cutting pieces: acknowledgements, error replies, connection tracking and pages.
 */
package dev.switchboard.system;
