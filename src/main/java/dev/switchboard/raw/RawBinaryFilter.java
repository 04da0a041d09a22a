package dev.switchboard.raw;

import dev.switchboard.websocket.Pipeline;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Drops binary relays (see {@link BinaryRelay}) on the client outbound channel for every
 * connection but a {@code /raw} one: STOMP clients of a room never see them.
 */
@Component
@Order(Pipeline.RAW_BINARY)
class RawBinaryFilter implements ChannelInterceptor, WebSocketMessageBrokerConfigurer {

	private final RawSessions sessions;

	RawBinaryFilter(RawSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this);
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (NativeMessageHeaderAccessor.getFirstNativeHeader(BinaryRelay.BINARY_HEADER, message.getHeaders()) == null
				|| this.sessions.get(SimpMessageHeaderAccessor.getSessionId(message.getHeaders())) != null) {
			return message;
		}
		return null;
	}

}
