package dev.switchboard.chat;

/**
 * An entry of a room's log, numbered by the room's {@code seq}: a message, an edit or a
 * deletion. Catch-up replays them in order, so every client ends in the same state.
 */
public sealed interface RoomEvent permits ChatMessage, MessageEdited, MessageDeleted {

	/**
	 * The entry's server-assigned unique id.
	 */
	String id();

	/**
	 * The room.
	 */
	String room();

	/**
	 * The entry's position in the room: 1, 2, 3, … without gaps.
	 */
	long seq();

	/**
	 * When the server stored it, in milliseconds since the epoch.
	 */
	long ts();

}
