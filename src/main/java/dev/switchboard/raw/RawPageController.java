package dev.switchboard.raw;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demo page of {@code /raw}: a room on the browser's own {@code WebSocket}, no
 * library.
 */
@Controller
class RawPageController {

	private static final String RAW_VIEW = "raw";

	@GetMapping("/raw-demo")
	String raw() {
		return RAW_VIEW;
	}

}
