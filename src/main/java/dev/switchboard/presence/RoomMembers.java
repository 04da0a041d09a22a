package dev.switchboard.presence;

import java.util.List;

/**
 * The reply to {@code SUBSCRIBE /app/rooms/{room}/members}: who is in the room now.
 *
 * @param room the room
 * @param users the users with at least one connection in the room, by name
 */
public record RoomMembers(String room, List<String> users) {

}
