package dev.switchboard.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.cluster.ClusterProperties;
import dev.switchboard.rooms.RoomNames;
import dev.switchboard.system.ClientErrorException;
import dev.switchboard.system.StompErrorHandler;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Starts a catch-up for a {@code SUBSCRIBE /topic/rooms.{room}} with the header
 * {@code since-seq:N}, once the broker has registered the subscription, so that nothing
 * stored after the replay reads the room can be missed; an UNSUBSCRIBE ends it.
 *
 * <p>
 * With the in-memory broker, the subscription is registered when the broker has handled
 * the SUBSCRIBE. With the broker relay (cluster profile) the broker registers it later,
 * on its own connection: the SUBSCRIBE then carries a receipt request, and the catch-up
 * starts when the broker's RECEIPT, seen by {@link #receipts()} on the client outbound
 * channel, confirms it.
 */
@Component
public class CatchupSubscriptions implements ExecutorChannelInterceptor {

	/** STOMP header of a SUBSCRIBE: the last sequence number the client has seen. */
	public static final String SINCE_SEQ_HEADER = "since-seq";

	private static final String RECEIPT_PREFIX = "switchboard-catchup-";

	private final Catchups catchups;

	private final CatchupReplay replay;

	private final StompErrorHandler errors;

	private final boolean confirmByReceipt;

	/** session id + receipt id → the catch-up waiting for the broker's RECEIPT. */
	private final Map<String, Catchup> awaitingReceipt = new ConcurrentHashMap<>();

	private final ChannelInterceptor receipts = new Receipts();

	CatchupSubscriptions(Catchups catchups, CatchupReplay replay, StompErrorHandler errors, ClusterProperties cluster) {
		this.catchups = catchups;
		this.replay = replay;
		this.errors = errors;
		this.confirmByReceipt = cluster.enabled();
	}

	/**
	 * The interceptor of the client outbound channel that starts the catch-ups the broker
	 * relay confirmed.
	 */
	ChannelInterceptor receipts() {
		return this.receipts;
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
		Catchup catchup = new Catchup(Catchups.key(headers), SimpMessageHeaderAccessor.getSessionId(headers),
				SimpMessageHeaderAccessor.getSubscriptionId(headers), room, seq);
		this.catchups.add(catchup);
		return this.confirmByReceipt ? requestReceipt(message, catchup) : message;
	}

	private Message<?> requestReceipt(Message<?> message, Catchup catchup) {
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
		String receipt = accessor.getReceipt();
		if (receipt == null) {
			receipt = RECEIPT_PREFIX + catchup.subscriptionId;
			accessor.setReceipt(receipt);
		}
		this.awaitingReceipt.put(catchup.sessionId + '/' + receipt, catchup);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		if (!this.confirmByReceipt && handler instanceof AbstractBrokerMessageHandler && !this.catchups.isEmpty()
				&& SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.SUBSCRIBE) {
			Catchup catchup = this.catchups.get(Catchups.key(message.getHeaders()));
			if (catchup != null) {
				this.replay.start(catchup);
			}
		}
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		if (!this.awaitingReceipt.isEmpty()) {
			this.awaitingReceipt.values().removeIf((catchup) -> catchup.sessionId.equals(event.getSessionId()));
		}
	}

	/**
	 * Starts the catch-up whose subscription the broker confirmed (off the broker's I/O
	 * thread); a receipt the client did not ask for is not passed on.
	 */
	private final class Receipts implements ChannelInterceptor {

		@Override
		public Message<?> preSend(Message<?> message, MessageChannel channel) {
			if (CatchupSubscriptions.this.awaitingReceipt.isEmpty()
					|| SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.OTHER) {
				return message;
			}
			StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
			String receiptId = accessor.getReceiptId();
			if (accessor.getCommand() != StompCommand.RECEIPT || receiptId == null) {
				return message;
			}
			Catchup catchup = CatchupSubscriptions.this.awaitingReceipt
				.remove(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()) + '/' + receiptId);
			if (catchup == null) {
				return message;
			}
			if (CatchupSubscriptions.this.catchups.isCurrent(catchup)) {
				CatchupSubscriptions.this.replay.startLater(catchup);
			}
			return receiptId.startsWith(RECEIPT_PREFIX) ? null : message;
		}

	}

}
