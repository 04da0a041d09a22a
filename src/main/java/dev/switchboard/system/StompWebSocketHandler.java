package dev.switchboard.system;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP WebSocket handler, which also tells {@link WebSocketConnections} the
 * session it writes each connection's frames through, so that the {@link BroadcastFanout}
 * writes through the same one: a frame it writes can then never overtake one that
 * Spring's handler sent before (Spring's session decorator may leave a frame in its
 * buffer for the next writer to flush).
 */
class StompWebSocketHandler extends SubProtocolWebSocketHandler {

	private final WebSocketConnections connections;

	StompWebSocketHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel,
			WebSocketConnections connections) {
		super(clientInboundChannel, clientOutboundChannel);
		this.connections = connections;
	}

	@Override
	protected WebSocketSession decorateSession(WebSocketSession session) {
		WebSocketSession decorated = super.decorateSession(session);
		this.connections.stompSessionStarted(decorated);
		return decorated;
	}

}
