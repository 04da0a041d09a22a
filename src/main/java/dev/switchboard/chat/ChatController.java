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
 * signal typing.
 */
@Controller
class ChatController {

	private static final String EXCLUDE_SELF = "exclude-self";

	private final ChatService chat;

	ChatController(ChatService chat) {
		this.chat = chat;
	}

	@MessageMapping("/rooms/{room}/messages")
	MessageReceipt post(@DestinationVariable String room, @Payload SendMessageRequest request,
			@Header(name = EXCLUDE_SELF, required = false) String excludeSelf, Principal user,
			@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
		return this.chat.post(room, user.getName(), sessionId, request, Boolean.parseBoolean(excludeSelf));
	}

	@MessageMapping("/rooms/{room}/typing")
	void typing(@DestinationVariable String room, Principal user,
			@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
		this.chat.typing(room, user.getName(), sessionId);
	}

}
