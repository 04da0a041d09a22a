package dev.switchboard.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Keeps track of the open WebSocket connections of this server so that they can be
 * counted and closed with a reason, for example when the server shuts down.
 *
 * <p>
 * It also lets the container hand over a large WebSocket message in parts: the STOMP
 * decoder joins them (up to the message size limit), so the container's per-connection
 * buffers stay small whatever the frame size.
 */
@Component
public class WebSocketConnections implements WebSocketHandlerDecoratorFactory {

	private static final Log logger = LogFactory.getLog(WebSocketConnections.class);

	private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				WebSocketConnections.this.sessions.put(session.getId(), session);
				super.afterConnectionEstablished(session);
			}

			@Override
			public boolean supportsPartialMessages() {
				return true;
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				WebSocketConnections.this.sessions.remove(session.getId());
				super.afterConnectionClosed(session, closeStatus);
			}

		};
	}

	/**
	 * Return the number of open connections.
	 */
	public int count() {
		return this.sessions.size();
	}

	/**
	 * Close every open connection with the given status; clients reconnect by themselves.
	 * @param status the close code and reason sent to each client
	 * @return how many connections were closed
	 */
	public int closeAll(CloseStatus status) {
		int closed = 0;
		for (WebSocketSession session : this.sessions.values()) {
			try {
				session.close(status);
				closed++;
			}
			catch (Exception ex) {
				logger.debug("Failed to close session " + session.getId(), ex);
			}
		}
		logger.info("Closed " + closed + " WebSocket connections with " + status);
		return closed;
	}

}
