package dev.switchboard.chat;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page and the chat page.
 */
@Controller
class ChatPageController {

	private static final String HOME_VIEW = "home";

	private static final String CHAT_VIEW = "chat";

	@GetMapping("/")
	String home() {
		return HOME_VIEW;
	}

	@GetMapping("/chat")
	String chat() {
		return CHAT_VIEW;
	}

}
