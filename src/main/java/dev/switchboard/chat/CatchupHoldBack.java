package dev.switchboard.chat;

import dev.switchboard.websocket.WebSocketConnections;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * Holds back live frames for subscriptions that are still catching up, on the client
 * outbound channel: from the moment the broker registers the subscription until the
 * stored messages (read after registration) have been sent.
 *
 * <p>
 * Held frames the replay already covered are dropped by their {@code seq} header, and so
 * are live ones that arrive after the catch-up but were stored before it read the room. A
 * room that outruns its catch-up by more than a send buffer cuts the connection, as a
 * slow consumer; the client resumes from the last message it got.
 */
@Component
class CatchupHoldBack implements ChannelInterceptor {

	private final Catchups catchups;

	private final WebSocketConnections connections;

	CatchupHoldBack(Catchups catchups, WebSocketConnections connections) {
		this.catchups = catchups;
		this.connections = connections;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (this.catchups.isEmpty() || message.getHeaders().containsKey(CatchupReplay.REPLAY_HEADER)) {
			return message;
		}
		Catchup catchup = this.catchups.get(Catchups.key(message.getHeaders()));
		if (catchup == null) {
			return message;
		}
		return switch (catchup.onLive(message, this.connections.sendBufferLimit())) {
			case HOLD, DROP -> null;
			case PASS -> message;
			case LIVE -> {
				this.catchups.remove(catchup.key);
				yield message;
			}
			case CUT -> {
				this.connections.closeSlow(catchup.sessionId);
				yield null;
			}
		};
	}

}
