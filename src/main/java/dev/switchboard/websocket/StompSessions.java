package dev.switchboard.websocket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open STOMP connections (not those of other endpoints, such as {@code /raw}), each
 * as the session Spring's STOMP handler writes its frames through, so that the
 * {@link BroadcastFanout} writes through the same one and keeps the order of its frames.
 */
@Component
public class StompSessions {

	private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

	/**
	 * Note the session through which Spring's STOMP handler writes to a connection.
	 */
	void started(WebSocketSession session) {
		this.sessions.put(session.getId(), session);
	}

	/**
	 * Forget a connection that has closed.
	 */
	void ended(String sessionId) {
		this.sessions.remove(sessionId);
	}

	/**
	 * The open STOMP connection with the given id, as Spring's STOMP handler writes to
	 * it, or {@code null} (also for a connection of another endpoint).
	 */
	WebSocketSession get(String sessionId) {
		return this.sessions.get(sessionId);
	}

}
