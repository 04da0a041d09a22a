package dev.switchboard.rooms;

import java.util.regex.Pattern;

import dev.switchboard.system.ClientErrorException;

/**
 * Room names ({@code [a-z0-9][a-z0-9-]{0,63}}) and the STOMP destinations built from
 * them.
 */
public final class RoomNames {

	/** The pattern every room name matches. */
	public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";

	private static final Pattern VALID = Pattern.compile(PATTERN);

	private static final String TOPIC_PREFIX = "/topic/rooms.";

	private RoomNames() {
	}

	/**
	 * Whether the given string is a valid room name.
	 */
	public static boolean isValid(String name) {
		return name != null && VALID.matcher(name).matches();
	}

	/**
	 * Return the name if it is valid.
	 * @throws ClientErrorException {@code invalid-room} otherwise
	 */
	public static String require(String name) {
		if (!isValid(name)) {
			throw new ClientErrorException("invalid-room",
					"'" + name + "' is not a valid room name: use 1 to 64 of a-z, 0-9 and '-', not starting with '-'");
		}
		return name;
	}

	/**
	 * The topic a room's events are broadcast on, {@code /topic/rooms.{room}}.
	 */
	public static String topic(String room) {
		return TOPIC_PREFIX + room;
	}

	/**
	 * The room of a {@code /topic/rooms.{room}} destination, or {@code null} if the
	 * destination is not a room topic.
	 */
	public static String fromTopic(String destination) {
		return (destination != null && destination.startsWith(TOPIC_PREFIX))
				? destination.substring(TOPIC_PREFIX.length()) : null;
	}

}
