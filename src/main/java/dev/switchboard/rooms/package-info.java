/**
 * Chat rooms: names, visibility, membership and invitations.
 */
package dev.switchboard.rooms;
