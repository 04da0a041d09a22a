package dev.switchboard.rooms;

import java.util.List;

/**
 * One page of the rooms a user can see, by name.
 *
 * @param rooms the rooms of this page, in name order
 * @param next the {@code after} value of the next page, or {@code null} if this is the
 * last
 */
public record RoomPage(List<Room> rooms, String next) {

}
