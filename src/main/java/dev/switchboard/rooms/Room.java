package dev.switchboard.rooms;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A chat room.
 *
 * @param name the room's name, see {@link RoomNames}
 * @param visibility {@code public} (anyone may join), {@code private} (members only) or
 * {@code direct} (a conversation of two)
 * @param owner the user who created a private room, {@code null} for other rooms
 * @param peer for a direct conversation, the other person (as seen by the user asking;
 * the user themself in a conversation with oneself), otherwise {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Room(String name, Visibility visibility, String owner, String peer) {

	Room(String name, Visibility visibility, String owner) {
		this(name, visibility, owner, null);
	}

	/**
	 * Whether anyone may join the room.
	 */
	public boolean isPublic() {
		return this.visibility == Visibility.PUBLIC;
	}

	/**
	 * Whether the room is a direct conversation of two people.
	 */
	public boolean isDirect() {
		return this.visibility == Visibility.DIRECT;
	}

}
