package dev.switchboard.rooms;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.system.ClientErrorException;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/**
 * Each user's sidebar: the rooms they opened or belong to, with a read marker by seq kept
 * on the server (so unread counts are right on every device); read, hide and leave, each
 * told to all the user's connections on {@code /user/queue/rooms}, as is the arrival of a
 * message in a room of the sidebar.
 */
@Service
public class UserRooms {

	static final String QUEUE = "/queue/rooms";

	private static final Pattern MENTION = Pattern.compile("@([A-Za-z0-9_.-]{3,32})");

	private static final int MAX_MENTIONS = 20;

	private static final int MAX_NOTICE_TEXT = 200;

	private final UserRoomRepository userRooms;

	private final RoomRepository rooms;

	private final RoomService roomService;

	private final SimpMessageSendingOperations messaging;

	UserRooms(UserRoomRepository userRooms, RoomRepository rooms, RoomService roomService,
			SimpMessageSendingOperations messaging) {
		this.userRooms = userRooms;
		this.rooms = rooms;
		this.roomService = roomService;
		this.messaging = messaging;
	}

	/**
	 * The user's sidebar, by name; hidden rooms only while they have unread messages.
	 */
	public List<UserRoom> sidebar(String user) {
		return this.userRooms.sidebar(user);
	}

	/**
	 * Mark a room read up to a seq (the marker never moves back, nor past the room's
	 * newest seq), putting it in the sidebar if it was not there.
	 * @throws ClientErrorException as {@link RoomService#requireAccess}, or
	 * {@code bad-request} for a negative seq
	 */
	public UserRoomEvent read(String room, String user, long seq) {
		if (seq < 0) {
			throw ClientErrorException.badRequest("seq must not be negative");
		}
		this.roomService.requireAccess(room, user);
		UserRoomEvent event = UserRoomEvent.read(room, this.userRooms.read(user, room, seq));
		this.messaging.convertAndSendToUser(user, QUEUE, event);
		return event;
	}

	/**
	 * Hide a room of the sidebar until it has unread messages or is opened again.
	 * @throws ClientErrorException {@code room-not-found} if it is not in the sidebar
	 */
	public UserRoomEvent hide(String room, String user) {
		RoomNames.require(room);
		if (!this.userRooms.hide(user, room)) {
			throw ClientErrorException.notFound("room-not-found", "Room '" + room + "' is not in your list");
		}
		UserRoomEvent event = UserRoomEvent.of("hidden", room);
		this.messaging.convertAndSendToUser(user, QUEUE, event);
		return event;
	}

	/**
	 * Leave a room: it leaves the sidebar, and a private room's member list (joining
	 * again needs a new invitation). Connections subscribed to the room at that moment
	 * stay until they unsubscribe.
	 * @throws ClientErrorException {@code bad-request} for a direct conversation (hide it
	 * instead) or the owner of a private room
	 */
	public UserRoomEvent leave(String room, String user) {
		Room found = this.roomService.requireAccess(room, user);
		if (found.isDirect()) {
			throw ClientErrorException.badRequest("A direct conversation cannot be left: hide it instead");
		}
		if (user.equals(found.owner())) {
			throw ClientErrorException.badRequest("The owner of a private room cannot leave it: hide it instead");
		}
		if (!found.isPublic()) {
			this.rooms.removeMember(room, user);
		}
		this.userRooms.remove(user, room);
		UserRoomEvent event = UserRoomEvent.of("left", room);
		this.messaging.convertAndSendToUser(user, QUEUE, event);
		return event;
	}

	/**
	 * Tell the users who have the room in their sidebar (the sender aside) that a message
	 * arrived, with its text in a direct conversation or for those it mentions.
	 */
	public void messageArrived(Room room, long seq, String from, String text) {
		List<String> users = this.userRooms.usersOf(room.name());
		if (users.size() <= 1) {
			return; // only the sender, or nobody
		}
		Set<String> mentioned = mentions(text);
		for (String user : users) {
			if (user.equals(from)) {
				continue;
			}
			boolean mention = mentioned.contains(user.toLowerCase(Locale.ROOT));
			String notice = (room.isDirect() || mention) ? shorten(text) : null;
			this.messaging.convertAndSendToUser(user, QUEUE,
					new UserRoomEvent("activity", room.name(), seq, from, notice, mention ? Boolean.TRUE : null));
		}
	}

	private static Set<String> mentions(String text) {
		Set<String> names = new HashSet<>();
		Matcher matcher = MENTION.matcher(text);
		while (matcher.find() && names.size() < MAX_MENTIONS) {
			names.add(matcher.group(1).toLowerCase(Locale.ROOT));
		}
		return names;
	}

	private static String shorten(String text) {
		if (text.codePointCount(0, text.length()) <= MAX_NOTICE_TEXT) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, MAX_NOTICE_TEXT)) + "…";
	}

}
