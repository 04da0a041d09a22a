package dev.switchboard.chat;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.locks.Lock;

import dev.switchboard.rooms.RoomNames;
import dev.switchboard.rooms.RoomService;
import dev.switchboard.system.ClientErrorException;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/**
 * Edits and deletes chat messages, by their senders only: each change is stored as the
 * room's next log entry, naming the message it changes, and broadcast to the room like a
 * message.
 */
@Service
public class MessageEdits {

	private final MessageRepository messages;

	private final RoomService rooms;

	private final RoomLocks roomLocks;

	private final SimpMessageSendingOperations messaging;

	private final ChatProperties properties;

	private final Clock clock = Clock.systemUTC();

	MessageEdits(MessageRepository messages, RoomService rooms, RoomLocks roomLocks,
			SimpMessageSendingOperations messaging, ChatProperties properties) {
		this.messages = messages;
		this.rooms = rooms;
		this.roomLocks = roomLocks;
		this.messaging = messaging;
		this.properties = properties;
	}

	/**
	 * Give one of the user's messages a new text.
	 * @throws ClientErrorException {@code message-not-found}, {@code forbidden} (not the
	 * sender), {@code message-deleted}, or for the text as for a new message
	 */
	public MessageEdited edit(String room, String user, String messageId, String text) {
		String checked = ChatService.checkText(text, this.properties);
		ChatMessage target = requireOwn(room, user, messageId);
		Lock lock = this.roomLocks.of(room);
		lock.lock();
		try {
			MessageEdited edit = target.isDeleted() ? null : this.messages.edit(target, checked, this.clock.instant());
			if (edit == null) {
				throw new ClientErrorException("message-deleted", "The message was deleted; it cannot be edited");
			}
			broadcast(edit);
			return edit;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Delete one of the user's messages; deleting it again answers with the same deletion
	 * and changes nothing.
	 * @throws ClientErrorException {@code message-not-found} or {@code forbidden} (not
	 * the sender)
	 */
	public MessageDeleted delete(String room, String user, String messageId) {
		ChatMessage target = requireOwn(room, user, messageId);
		Lock lock = this.roomLocks.of(room);
		lock.lock();
		try {
			MessageDeleted deletion = target.isDeleted() ? null : this.messages.delete(target, this.clock.instant());
			if (deletion == null) {
				return this.messages.findDeletion(messageId).orElseThrow();
			}
			broadcast(deletion);
			return deletion;
		}
		finally {
			lock.unlock();
		}
	}

	private ChatMessage requireOwn(String room, String user, String messageId) {
		this.rooms.requireAccess(room, user);
		ChatMessage target = this.messages.findMessage(messageId)
			.filter((message) -> message.room().equals(room))
			.orElseThrow(() -> ClientErrorException.notFound("message-not-found",
					"There is no message '" + messageId + "' in room '" + room + "'"));
		if (!target.from().equals(user)) {
			throw ClientErrorException.forbidden("Only its sender may change a message");
		}
		return target;
	}

	private void broadcast(RoomEvent event) {
		this.messaging.convertAndSend(RoomNames.topic(event.room()), event,
				Map.of(ChatService.SEQ_HEADER, Long.toString(event.seq())));
	}

}
