package dev.switchboard.chat;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms/{room}/messages?before={seq}&limit={n}}: a room's history, paged
 * backwards, for those who may read the room.
 */
@RestController
class HistoryController {

	private final ChatService chat;

	HistoryController(ChatService chat) {
		this.chat = chat;
	}

	@GetMapping("/api/rooms/{room}/messages")
	History history(@PathVariable String room, @RequestParam(required = false) Long before,
			@RequestParam(defaultValue = "50") int limit, Principal user) {
		return this.chat.history(room, user.getName(), before, limit);
	}

}
