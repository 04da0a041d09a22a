package dev.switchboard.rooms;

/**
 * A chat room.
 *
 * @param name the room's name, see {@link RoomNames}
 * @param visibility {@code public} (anyone may join) or {@code private} (members only)
 * @param owner the user who created a private room, {@code null} for public rooms
 */
public record Room(String name, Visibility visibility, String owner) {

	/**
	 * Whether anyone may join the room.
	 */
	public boolean isPublic() {
		return this.visibility == Visibility.PUBLIC;
	}

}
