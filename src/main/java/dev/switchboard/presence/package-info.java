/**
 * Who is in a room right now and who is online anywhere, with the joined/left and
 * online/offline events.
 */
package dev.switchboard.presence;
