package dev.switchboard.chat;

import java.security.Principal;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Controller;

/**
 * {@code SEND /app/users/{username}/messages}: a direct message to one user.
 */
@Controller
class DirectMessageController {

	private final ChatService chat;

	DirectMessageController(ChatService chat) {
		this.chat = chat;
	}

	@MessageMapping("/users/{username}/messages")
	DirectMessage send(@DestinationVariable String username, @Payload SendMessageRequest request, Principal user) {
		return this.chat.direct(user.getName(), username, request.text());
	}

}
