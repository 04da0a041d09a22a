package dev.switchboard.chat;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.regex.Pattern;

import dev.switchboard.accounts.Account;
import dev.switchboard.accounts.AccountRepository;
import dev.switchboard.rooms.Room;
import dev.switchboard.rooms.RoomNames;
import dev.switchboard.rooms.RoomService;
import dev.switchboard.rooms.UserRooms;
import dev.switchboard.system.ClientErrorException;
import dev.switchboard.websocket.ExcludeSelfInterceptor;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/**
 * Posts chat messages (stored first, then broadcast to the room), typing indicators and
 * direct messages.
 */
@Service
public class ChatService {

	static final String DIRECT_QUEUE = "/queue/messages";

	/** STOMP header carrying a chat message's sequence number on room broadcasts. */
	public static final String SEQ_HEADER = "seq";

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final int MAX_PAGE = 200;

	private final RoomLocks roomLocks;

	private final MessageRepository messages;

	private final RoomService rooms;

	private final UserRooms userRooms;

	private final AccountRepository accounts;

	private final SimpMessageSendingOperations messaging;

	private final ChatProperties properties;

	private final ChatMetrics metrics;

	private final Clock clock;

	ChatService(MessageRepository messages, RoomService rooms, UserRooms userRooms, AccountRepository accounts,
			RoomLocks roomLocks, SimpMessageSendingOperations messaging, ChatProperties properties,
			ChatMetrics metrics) {
		this.messages = messages;
		this.userRooms = userRooms;
		this.roomLocks = roomLocks;
		this.rooms = rooms;
		this.accounts = accounts;
		this.messaging = messaging;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Store a message in a room and broadcast it to the room's subscribers, or, if the
	 * sender already stored a message with the same client id, return that one.
	 * @param room the room
	 * @param sender the sending user
	 * @param sessionId the sending connection
	 * @param request the text and the client's id for the message
	 * @param excludeSelf whether to skip the sending connection (other connections of the
	 * same user still receive it)
	 */
	public MessageReceipt post(String room, String sender, String sessionId, SendMessageRequest request,
			boolean excludeSelf) {
		String text = checkText(request.text(), this.properties);
		String clientId = checkClientId(request.clientId());
		Room found = this.rooms.requireAccess(room, sender);
		ChatMessage earlier = (clientId != null) ? this.messages.findByClientId(sender, clientId).orElse(null) : null;
		if (earlier != null) {
			return duplicate(earlier, room);
		}
		ChatMessage message;
		Lock lock = this.roomLocks.of(room);
		lock.lock();
		try {
			message = this.messages.append(room, sender, text, clientId, this.clock.instant());
			long storedAt = System.nanoTime();
			Map<String, Object> headers = new HashMap<>();
			headers.put(SEQ_HEADER, Long.toString(message.seq()));
			if (excludeSelf) {
				headers.putAll(ExcludeSelfInterceptor.excluding(sessionId));
			}
			this.messaging.convertAndSend(RoomNames.topic(room), message, headers);
			this.metrics.delivered(room, storedAt);
		}
		catch (DuplicateKeyException ex) {
			return duplicate(this.messages.findByClientId(sender, clientId).orElseThrow(), room);
		}
		finally {
			lock.unlock();
		}
		this.userRooms.messageArrived(found, message.seq(), sender, text);
		return MessageReceipt.of(message, false);
	}

	/**
	 * A page of a room's history for a user who may read it.
	 * @param before only messages with a lower sequence number ({@code null}: the newest)
	 * @param limit at most this many (1 to 200)
	 */
	public History history(String room, String user, Long before, int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw ClientErrorException.badRequest("limit must be 1 to " + MAX_PAGE);
		}
		this.rooms.requireAccess(room, user);
		List<ChatMessage> page = this.messages.before(room, before, limit + 1);
		boolean hasMore = page.size() > limit;
		return new History(room, hasMore ? page.subList(1, page.size()) : page, hasMore);
	}

	private static MessageReceipt duplicate(ChatMessage earlier, String room) {
		if (!earlier.room().equals(room)) {
			throw ClientErrorException
				.badRequest("clientId '" + earlier.clientId() + "' was already used in room '" + earlier.room() + "'");
		}
		return MessageReceipt.of(earlier, true);
	}

	/**
	 * Tell everyone else in the room that the user is typing.
	 */
	public void typing(String room, String sender, String sessionId) {
		this.rooms.requireAccess(room, sender);
		this.messaging.convertAndSend(RoomNames.topic(room), new TypingEvent(room, sender),
				ExcludeSelfInterceptor.excluding(sessionId));
	}

	/**
	 * Send a direct message to every connection of the recipient and of the sender.
	 */
	public DirectMessage direct(String sender, String recipient, String text) {
		String checked = checkText(text, this.properties);
		Account to = this.accounts.findByUsername(recipient)
			.orElseThrow(() -> ClientErrorException.notFound("user-not-found", "There is no user '" + recipient + "'"));
		DirectMessage message = new DirectMessage(UUID.randomUUID().toString(), sender, to.username(), checked,
				this.clock.millis());
		this.messaging.convertAndSendToUser(to.username(), DIRECT_QUEUE, message);
		if (!to.username().equals(sender)) {
			this.messaging.convertAndSendToUser(sender, DIRECT_QUEUE, message);
		}
		return message;
	}

	private static String checkClientId(String clientId) {
		if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
			throw ClientErrorException.badRequest("clientId must be 1 to 64 of A-Z a-z 0-9 _ -");
		}
		return clientId;
	}

	/**
	 * Return a message text if it is not blank and not too long.
	 * @throws ClientErrorException {@code empty-text} or {@code text-too-long}
	 */
	static String checkText(String text, ChatProperties properties) {
		if (text == null || text.isBlank()) {
			throw new ClientErrorException("empty-text", "The message text must not be empty");
		}
		int length = text.codePointCount(0, text.length());
		if (length > properties.maxTextLength()) {
			throw new ClientErrorException("text-too-long",
					"The message text has " + length + " characters; the limit is " + properties.maxTextLength());
		}
		return text;
	}

}
