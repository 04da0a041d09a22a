package dev.switchboard.rooms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.switchboard.system.ClientErrorException;

/**
 * Room names ({@code [a-z0-9][a-z0-9-]{0,63}}; those starting with {@code dm-} name
 * direct conversations only) and the STOMP destinations built from them.
 */
public final class RoomNames {

	/** The pattern every room name matches. */
	public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";

	private static final Pattern VALID = Pattern.compile(PATTERN);

	private static final String TOPIC_PREFIX = "/topic/rooms.";

	private static final String DIRECT_PREFIX = "dm-";

	private RoomNames() {
	}

	/**
	 * Whether the name is one only a direct conversation may have.
	 */
	public static boolean isDirect(String name) {
		return name != null && name.startsWith(DIRECT_PREFIX);
	}

	/**
	 * The name of the direct conversation of two users, the same whichever of them asks
	 * and whatever their names' letter case: {@code dm-} and 24 hex digits of a hash of
	 * both names.
	 */
	static String direct(String user, String other) {
		String a = user.toLowerCase(Locale.ROOT);
		String b = other.toLowerCase(Locale.ROOT);
		String pair = (a.compareTo(b) <= 0) ? a + "\n" + b : b + "\n" + a;
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(pair.getBytes(StandardCharsets.UTF_8));
			return DIRECT_PREFIX + HexFormat.of().formatHex(hash, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
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
