package dev.switchboard.raw;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionConnectedEvent;

/**
 * Writes what the messaging pipeline sends to {@code /raw} connections, as a subscriber
 * of the client outbound channel beside Spring's STOMP handler (which ignores sessions it
 * does not know). A refused frame (a STOMP ERROR) becomes an {@code error} message and
 * closes the connection: 1008 (policy violation) for a refusal, 1011 for a server
 * failure.
 */
@Component
class RawOutbound implements MessageHandler, SmartInitializingSingleton {

	private final RawSessions sessions;

	private final RawEvents events;

	private final ApplicationEventPublisher publisher;

	private final SubscribableChannel clientOutboundChannel;

	RawOutbound(RawSessions sessions, RawEvents events, ApplicationEventPublisher publisher,
			@Lazy @Qualifier("clientOutboundChannel") SubscribableChannel clientOutboundChannel) {
		this.sessions = sessions;
		this.events = events;
		this.publisher = publisher;
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.clientOutboundChannel.subscribe(this);
	}

	@Override
	public void handleMessage(Message<?> message) {
		RawSession session = this.sessions.get(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()));
		if (session == null || session.isClosing()) {
			return;
		}
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
		if (type == SimpMessageType.MESSAGE) {
			session.write(this.events.message(message));
		}
		else if (type == SimpMessageType.CONNECT_ACK) {
			connected(session, message);
		}
		else if (type == SimpMessageType.OTHER
				&& StompHeaderAccessor.wrap(message).getCommand() == StompCommand.ERROR) {
			refused(session, (byte[]) message.getPayload());
		}
	}

	@SuppressWarnings("unchecked")
	private void connected(RawSession session, Message<?> connectAck) {
		this.publisher.publishEvent(new SessionConnectedEvent(this, (Message<byte[]>) connectAck, session.user()));
		session.write(this.events.connected(session.user()));
	}

	private void refused(RawSession session, byte[] errorReply) {
		session.write(this.events.error(errorReply));
		String code = this.events.code(errorReply);
		boolean serverFailed = "error".equals(code) || "internal".equals(code);
		this.sessions.close(session, serverFailed ? CloseStatus.SERVER_ERROR : CloseStatus.POLICY_VIOLATION);
	}

}
