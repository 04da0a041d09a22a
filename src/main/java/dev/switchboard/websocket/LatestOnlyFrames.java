package dev.switchboard.websocket;

import java.util.List;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Recognises encoded STOMP MESSAGE frames to latest-only destinations, by their headers.
 */
final class LatestOnlyFrames {

	private static final String MESSAGE_FRAME = "MESSAGE\n";

	private static final String DESTINATION = "destination:";

	private static final String SUBSCRIPTION = "subscription:";

	private LatestOnlyFrames() {
	}

	/**
	 * The subscription a STOMP MESSAGE frame to one of the destination prefixes belongs
	 * to, or {@code null}. Only the header lines are read.
	 */
	static String subscription(WebSocketMessage<?> message, List<String> prefixes) {
		if (prefixes.isEmpty() || !(message instanceof TextMessage text)) {
			return null;
		}
		String frame = text.getPayload();
		if (!frame.startsWith(MESSAGE_FRAME)) {
			return null;
		}
		int end = frame.indexOf("\n\n");
		String destination = null;
		String subscription = null;
		for (int line = MESSAGE_FRAME.length(); line < end;) {
			int next = frame.indexOf('\n', line);
			if (frame.startsWith(DESTINATION, line)) {
				destination = frame.substring(line + DESTINATION.length(), next);
			}
			else if (frame.startsWith(SUBSCRIPTION, line)) {
				subscription = frame.substring(line + SUBSCRIPTION.length(), next);
			}
			line = next + 1;
		}
		if (destination == null || subscription == null) {
			return null;
		}
		for (String prefix : prefixes) {
			if (destination.startsWith(prefix)) {
				return subscription;
			}
		}
		return null;
	}

}
