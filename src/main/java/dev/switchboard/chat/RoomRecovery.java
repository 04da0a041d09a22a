package dev.switchboard.chat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import dev.switchboard.config.ClusterProperties;
import dev.switchboard.rooms.RoomNames;
import dev.switchboard.system.BroadcastFanout;
import dev.switchboard.system.ClientErrorException;
import dev.switchboard.system.StompErrorHandler;
import dev.switchboard.system.WebSocketConnections;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Catches a reconnecting client up: a {@code SUBSCRIBE /topic/rooms.{room}} with the
 * header {@code since-seq:N} receives every stored message with a higher sequence number,
 * in order, then a {@link RecoveryResult}, then the live stream, without gap or
 * duplicate.
 *
 * <p>
 * Live messages for that subscription are held back from the moment the broker registers
 * it until the stored ones (read after registration) have been sent; held messages the
 * replay already covered are dropped by their {@code seq} header, and so are live ones
 * that arrive after the catch-up but were stored before it read the room. A long catch-up
 * is sent in steps, each once the connection has drained, so it never overflows the send
 * buffer.
 *
 * <p>
 * With the broker relay (cluster profile) the broker registers a subscription later, on
 * its own connection: the SUBSCRIBE then carries a receipt request, and the catch-up
 * starts when the broker's RECEIPT confirms the subscription, so nothing stored in
 * between is missed.
 */
@Component
public class RoomRecovery implements WebSocketMessageBrokerConfigurer {

	/** STOMP header of a SUBSCRIBE: the last sequence number the client has seen. */
	public static final String SINCE_SEQ_HEADER = "since-seq";

	private static final Log logger = LogFactory.getLog(RoomRecovery.class);

	private static final String REPLAY_HEADER = "switchboardReplay";

	private static final String RECEIPT_PREFIX = "switchboard-catchup-";

	private static final int BATCH = 200;

	private final Map<String, Catchup> catchups = new ConcurrentHashMap<>();

	/** session id + receipt id → the catch-up waiting for the broker's RECEIPT. */
	private final Map<String, Catchup> awaitingReceipt = new ConcurrentHashMap<>();

	private final boolean confirmByReceipt;

	private final MessageRepository messages;

	private final ChatProperties properties;

	private final JsonMapper jsonMapper;

	private final MessageChannel clientOutboundChannel;

	private final StompErrorHandler errors;

	private final WebSocketConnections connections;

	private final Executor executor;

	private final Clock clock = Clock.systemUTC();

	RoomRecovery(MessageRepository messages, ChatProperties properties, JsonMapper jsonMapper,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel, StompErrorHandler errors,
			WebSocketConnections connections, @Lazy @Qualifier("clientInboundChannelExecutor") Executor executor,
			ClusterProperties cluster, BroadcastFanout fanout) {
		this.confirmByReceipt = cluster.enabled();
		this.connections = connections;
		this.executor = executor;
		this.messages = messages;
		this.properties = properties;
		this.jsonMapper = jsonMapper;
		this.clientOutboundChannel = clientOutboundChannel;
		this.errors = errors;
		// Live frames of a subscription still catching up must pass the hold-back below.
		fanout.standardPathFor((sessionId, subscriptionId) -> !this.catchups.isEmpty()
				&& this.catchups.containsKey(sessionId + '/' + subscriptionId));
	}

	private final ExecutorChannelInterceptor subscriptions = new Subscriptions();

	private final ChannelInterceptor holdBack = new HoldBack();

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.subscriptions);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.holdBack);
	}

	/**
	 * The interceptor on the client inbound channel that starts catch-ups.
	 */
	ExecutorChannelInterceptor subscriptions() {
		return this.subscriptions;
	}

	/**
	 * The interceptor on the client outbound channel that holds back live frames.
	 */
	ChannelInterceptor holdBack() {
		return this.holdBack;
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		if (!this.catchups.isEmpty()) {
			this.catchups.values().removeIf((catchup) -> catchup.sessionId.equals(event.getSessionId()));
		}
		if (!this.awaitingReceipt.isEmpty()) {
			this.awaitingReceipt.values().removeIf((catchup) -> catchup.sessionId.equals(event.getSessionId()));
		}
	}

	private void start(Catchup catchup) {
		long lastSeq = this.messages.lastSeq(catchup.room);
		long missed = lastSeq - catchup.since;
		catchup.roomLastSeq = lastSeq;
		if (missed > 0 && missed <= this.properties.recoveryMaxMessages()) {
			List<ChatMessage> first = this.messages.after(catchup.room, catchup.since, 1);
			catchup.recovered = !first.isEmpty() && first.get(0).seq() == catchup.since + 1
					&& first.get(0).ts() >= this.clock.millis() - this.properties.recoveryMaxAge().toMillis();
		}
		else {
			catchup.recovered = missed == 0;
		}
		catchup.target = catchup.recovered ? lastSeq : catchup.since;
		replay(catchup);
	}

	/**
	 * Send stored messages up to the target, pausing whenever the connection is busy and
	 * resuming once it has drained, so a long catch-up never overflows its send buffer.
	 */
	private void replay(Catchup catchup) {
		while (catchup.sent < catchup.target && !catchup.isCut()) {
			List<ChatMessage> batch = this.messages.after(catchup.room, catchup.sent,
					(int) Math.min(BATCH, catchup.target - catchup.sent));
			if (batch.isEmpty()) {
				break;
			}
			for (ChatMessage message : batch) {
				send(catchup, this.jsonMapper.writeValueAsBytes(message), message.seq());
				catchup.sent = message.seq();
				catchup.replayed++;
				if (catchup.sent < catchup.target && this.connections.isBusy(catchup.sessionId)) {
					if (!this.connections.whenDrained(catchup.sessionId,
							() -> this.executor.execute(() -> replay(catchup)))) {
						this.catchups.remove(catchup.key);
					}
					return;
				}
			}
		}
		finish(catchup);
	}

	private void finish(Catchup catchup) {
		Message<byte[]> marker = message(catchup,
				this.jsonMapper.writeValueAsBytes(
						new RecoveryResult(catchup.room, catchup.recovered, catchup.replayed, catchup.roomLastSeq)),
				Catchup.NO_SEQ);
		if (!catchup.finish(marker, this.clientOutboundChannel::send)) {
			this.catchups.remove(catchup.key);
			return;
		}
		logger.debug("Session " + catchup.sessionId + " caught up on '" + catchup.room + "' since " + catchup.since
				+ ": " + (catchup.recovered ? catchup.replayed + " replayed" : "not recoverable"));
	}

	private void send(Catchup catchup, byte[] payload, long seq) {
		this.clientOutboundChannel.send(message(catchup, payload, seq));
	}

	private static Message<byte[]> message(Catchup catchup, byte[] payload, long seq) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		if (seq != Catchup.NO_SEQ) {
			accessor.setNativeHeader(ChatService.SEQ_HEADER, Long.toString(seq));
		}
		accessor.setSessionId(catchup.sessionId);
		accessor.setSubscriptionId(catchup.subscriptionId);
		accessor.setDestination(RoomNames.topic(catchup.room));
		accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
		accessor.setHeader(REPLAY_HEADER, Boolean.TRUE);
		return MessageBuilder.createMessage(payload, accessor.getMessageHeaders());
	}

	private static String key(MessageHeaders headers) {
		return SimpMessageHeaderAccessor.getSessionId(headers) + '/'
				+ SimpMessageHeaderAccessor.getSubscriptionId(headers);
	}

	/**
	 * Notes SUBSCRIBE frames that ask for a catch-up, and starts it once the broker has
	 * registered the subscription.
	 */
	private final class Subscriptions implements ExecutorChannelInterceptor {

		@Override
		public Message<?> preSend(Message<?> message, MessageChannel channel) {
			MessageHeaders headers = message.getHeaders();
			if (SimpMessageHeaderAccessor.getMessageType(headers) == SimpMessageType.UNSUBSCRIBE
					&& !RoomRecovery.this.catchups.isEmpty()) {
				RoomRecovery.this.catchups.remove(key(headers));
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
				RoomRecovery.this.errors.refuse(message,
						ClientErrorException.badRequest("since-seq must be a whole number of 0 or more"));
				return null;
			}
			Catchup catchup = new Catchup(key(headers), SimpMessageHeaderAccessor.getSessionId(headers),
					SimpMessageHeaderAccessor.getSubscriptionId(headers), room, seq);
			RoomRecovery.this.catchups.put(catchup.key, catchup);
			return RoomRecovery.this.confirmByReceipt ? requestReceipt(message, catchup) : message;
		}

		private Message<?> requestReceipt(Message<?> message, Catchup catchup) {
			StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
			String receipt = accessor.getReceipt();
			if (receipt == null) {
				receipt = RECEIPT_PREFIX + catchup.subscriptionId;
				accessor.setReceipt(receipt);
			}
			RoomRecovery.this.awaitingReceipt.put(catchup.sessionId + '/' + receipt, catchup);
			return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
		}

		@Override
		public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
				Exception ex) {
			if (!RoomRecovery.this.confirmByReceipt && handler instanceof AbstractBrokerMessageHandler
					&& !RoomRecovery.this.catchups.isEmpty()
					&& SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.SUBSCRIBE) {
				Catchup catchup = RoomRecovery.this.catchups.get(key(message.getHeaders()));
				if (catchup != null) {
					start(catchup);
				}
			}
		}

	}

	private static boolean isReceipt(Message<?> message) {
		return SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.OTHER
				&& StompHeaderAccessor.wrap(message).getCommand() == StompCommand.RECEIPT;
	}

	/**
	 * Start the catch-up whose subscription the broker confirmed (off the broker's I/O
	 * thread); a receipt the client did not ask for is not passed on.
	 */
	private Message<?> confirmed(Message<?> receipt) {
		String receiptId = StompHeaderAccessor.wrap(receipt).getReceiptId();
		Catchup catchup = (receiptId != null) ? this.awaitingReceipt
			.remove(SimpMessageHeaderAccessor.getSessionId(receipt.getHeaders()) + '/' + receiptId) : null;
		if (catchup == null) {
			return receipt;
		}
		if (this.catchups.get(catchup.key) == catchup) {
			this.executor.execute(() -> start(catchup));
		}
		return receiptId.startsWith(RECEIPT_PREFIX) ? null : receipt;
	}

	/**
	 * Holds back live frames for subscriptions that are still catching up.
	 */
	private final class HoldBack implements ChannelInterceptor {

		@Override
		public Message<?> preSend(Message<?> message, MessageChannel channel) {
			if (!RoomRecovery.this.awaitingReceipt.isEmpty() && isReceipt(message)) {
				return confirmed(message);
			}
			if (RoomRecovery.this.catchups.isEmpty() || message.getHeaders().containsKey(REPLAY_HEADER)) {
				return message;
			}
			Catchup catchup = RoomRecovery.this.catchups.get(key(message.getHeaders()));
			if (catchup == null) {
				return message;
			}
			return switch (catchup.onLive(message, RoomRecovery.this.connections.sendBufferLimit())) {
				case HOLD, DROP -> null;
				case PASS -> message;
				case LIVE -> {
					RoomRecovery.this.catchups.remove(catchup.key);
					yield message;
				}
				case CUT -> {
					// The client resumes from the last message it got after reconnecting.
					RoomRecovery.this.connections.closeSlow(catchup.sessionId);
					yield null;
				}
			};
		}

	}

}
