package dev.switchboard.chat;

import java.time.Clock;
import java.util.UUID;

import dev.switchboard.accounts.Account;
import dev.switchboard.accounts.AccountRepository;
import dev.switchboard.rooms.RoomNames;
import dev.switchboard.rooms.RoomService;
import dev.switchboard.system.ClientErrorException;
import dev.switchboard.system.ExcludeSelfInterceptor;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/**
 * Posts chat messages (stored first, then broadcast to the room), typing indicators and
 * direct messages.
 */
@Service
public class ChatService {

	static final String DIRECT_QUEUE = "/queue/messages";

	private final MessageRepository messages;

	private final RoomService rooms;

	private final AccountRepository accounts;

	private final SimpMessageSendingOperations messaging;

	private final ChatProperties properties;

	private final Clock clock;

	ChatService(MessageRepository messages, RoomService rooms, AccountRepository accounts,
			SimpMessageSendingOperations messaging, ChatProperties properties) {
		this.messages = messages;
		this.rooms = rooms;
		this.accounts = accounts;
		this.messaging = messaging;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Store a message in a room and broadcast it to the room's subscribers.
	 * @param room the room
	 * @param sender the sending user
	 * @param sessionId the sending connection
	 * @param text the text
	 * @param excludeSelf whether to skip the sending connection (other connections of the
	 * same user still receive it)
	 */
	public ChatMessage post(String room, String sender, String sessionId, String text, boolean excludeSelf) {
		String checked = checkText(text);
		this.rooms.requireWritable(room, sender);
		ChatMessage message = this.messages.append(room, sender, checked, this.clock.instant());
		if (excludeSelf) {
			this.messaging.convertAndSend(RoomNames.topic(room), message, ExcludeSelfInterceptor.excluding(sessionId));
		}
		else {
			this.messaging.convertAndSend(RoomNames.topic(room), message);
		}
		return message;
	}

	/**
	 * Tell everyone else in the room that the user is typing.
	 */
	public void typing(String room, String sender, String sessionId) {
		this.rooms.requireWritable(room, sender);
		this.messaging.convertAndSend(RoomNames.topic(room), new TypingEvent(room, sender),
				ExcludeSelfInterceptor.excluding(sessionId));
	}

	/**
	 * Send a direct message to every connection of the recipient and of the sender.
	 */
	public DirectMessage direct(String sender, String recipient, String text) {
		String checked = checkText(text);
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

	private String checkText(String text) {
		if (text == null || text.isBlank()) {
			throw new ClientErrorException("empty-text", "The message text must not be empty");
		}
		int length = text.codePointCount(0, text.length());
		if (length > this.properties.maxTextLength()) {
			throw new ClientErrorException("text-too-long",
					"The message text has " + length + " characters; the limit is " + this.properties.maxTextLength());
		}
		return text;
	}

}
