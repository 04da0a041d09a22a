package dev.switchboard.chat;

import dev.switchboard.rooms.RoomNames;
import dev.switchboard.system.ClientErrorException;
import dev.switchboard.system.StompErrorHandler;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Starts a catch-up for a {@code SUBSCRIBE /topic/rooms.{room}} with the header
 * {@code since-seq:N}, once the broker has registered the subscription (when the
 * in-memory broker has handled the SUBSCRIBE), so that nothing stored after the replay
 * reads the room can be missed; an UNSUBSCRIBE ends it.
 */
@Component
public class CatchupSubscriptions implements ExecutorChannelInterceptor {

	/** STOMP header of a SUBSCRIBE: the last sequence number the client has seen. */
	public static final String SINCE_SEQ_HEADER = "since-seq";

	private final Catchups catchups;

	private final CatchupReplay replay;

	private final StompErrorHandler errors;

	CatchupSubscriptions(Catchups catchups, CatchupReplay replay, StompErrorHandler errors) {
		this.catchups = catchups;
		this.replay = replay;
		this.errors = errors;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		MessageHeaders headers = message.getHeaders();
		if (SimpMessageHeaderAccessor.getMessageType(headers) == SimpMessageType.UNSUBSCRIBE
				&& !this.catchups.isEmpty()) {
			this.catchups.remove(Catchups.key(headers));
			return message;
		}
		String since = NativeMessageHeaderAccessor.getFirstNativeHeader(SINCE_SEQ_HEADER, headers);
		if (since == null || SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.SUBSCRIBE) {
			return message;
		}
		String room = RoomNames.fromTopic(SimpMessageHeaderAccessor.getDestination(headers));
		if (room == null) {
			return message;
		}
		long seq;
		try {
			seq = Long.parseLong(since);
		}
		catch (NumberFormatException ex) {
			seq = -1;
		}
		if (seq < 0) {
			this.errors.refuse(message,
					ClientErrorException.badRequest("since-seq must be a whole number of 0 or more"));
			return null;
		}
		this.catchups.add(new Catchup(Catchups.key(headers), SimpMessageHeaderAccessor.getSessionId(headers),
				SimpMessageHeaderAccessor.getSubscriptionId(headers), room, seq));
		return message;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		if (handler instanceof AbstractBrokerMessageHandler && !this.catchups.isEmpty()
				&& SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.SUBSCRIBE) {
			Catchup catchup = this.catchups.get(Catchups.key(message.getHeaders()));
			if (catchup != null) {
				this.replay.start(catchup);
			}
		}
	}

}
