/**
 * Who is in a room right now, and the joined/left events.
 */
package dev.switchboard.presence;
