package dev.switchboard.websocket;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP WebSocket handler, which also notes in {@link StompSessions} the session
 * it writes each connection's frames through, so that the {@link BroadcastFanout} writes
 * through the same one: a frame it writes can then never overtake one that Spring's
 * handler sent before.
 *
 * <p>
 * Why: Spring's {@code ConcurrentWebSocketSessionDecorator} (seen in Spring Framework
 * 7.0), which this handler wraps around each session, may leave a frame in its buffer for
 * the next writer to flush when two threads write at once; a writer that bypassed it
 * could overtake that frame. Spring has no hook that hands out the decorated session,
 * hence this subclass. It can go when the fan-out becomes part of the broker's own
 * delivery through that handler, or when Spring exposes the decorated session
 * ({@code BroadcastFanoutTests} tells).
 */
class StompWebSocketHandler extends SubProtocolWebSocketHandler {

	private final StompSessions sessions;

	StompWebSocketHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel,
			StompSessions sessions) {
		super(clientInboundChannel, clientOutboundChannel);
		this.sessions = sessions;
	}

	@Override
	protected WebSocketSession decorateSession(WebSocketSession session) {
		WebSocketSession decorated = super.decorateSession(session);
		this.sessions.started(decorated);
		return decorated;
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		this.sessions.ended(session.getId());
		super.afterConnectionClosed(session, closeStatus);
	}

}
