package dev.switchboard.chat;

import java.security.Principal;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/**
 * STOMP requests inside a room: post a message (optionally to everyone but the sender),
 * edit or delete one's own message, signal typing.
 */
@Controller
class ChatController {

	private static final String EXCLUDE_SELF = "exclude-self";

	private final ChatService chat;

	private final MessageEdits edits;

	ChatController(ChatService chat, MessageEdits edits) {
		this.chat = chat;
		this.edits = edits;
	}

	@MessageMapping("/rooms/{room}/messages")
	MessageReceipt post(@DestinationVariable String room, @Payload SendMessageRequest request,
			@Header(name = EXCLUDE_SELF, required = false) String excludeSelf, Principal user,
			@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
		return this.chat.post(room, user.getName(), sessionId, request, Boolean.parseBoolean(excludeSelf));
	}

	@MessageMapping("/rooms/{room}/messages/{id}/edit")
	MessageEdited edit(@DestinationVariable String room, @DestinationVariable String id,
			@Payload EditMessageRequest request, Principal user) {
		return this.edits.edit(room, user.getName(), id, request.text());
	}

	@MessageMapping("/rooms/{room}/messages/{id}/delete")
	MessageDeleted delete(@DestinationVariable String room, @DestinationVariable String id, Principal user) {
		return this.edits.delete(room, user.getName(), id);
	}

	@MessageMapping("/rooms/{room}/typing")
	void typing(@DestinationVariable String room, Principal user,
			@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
		this.chat.typing(room, user.getName(), sessionId);
	}

}
