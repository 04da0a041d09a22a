package dev.switchboard.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderInitializer;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Delivers a broadcast to a {@code /topic} destination of the in-memory broker by
 * encoding its STOMP frame once and handing the same text to every subscribed connection,
 * instead of a message copy, a header accessor and a full STOMP encode per subscriber.
 *
 * <p>
 * A frame differs between subscribers only in its {@code subscription} header, so one
 * text is made per distinct subscription id (usually one for a whole room), and every
 * subscriber of a broadcast gets the same {@code message-id}. Subscribers this path
 * cannot serve take Spring's per-subscriber path through the client outbound channel and
 * its interceptors, as before: connections of other endpoints (such as {@code /raw}), and
 * subscriptions that a {@link #standardPathFor registered test} claims (a subscription
 * still catching up, say). Broadcasts that Spring would write as binary frames are left
 * to the broker entirely. "Everyone except the sender" is honoured here as
 * {@link ExcludeSelfInterceptor} does on the standard path.
 *
 * <p>
 * Runs as an interceptor of the broker channel just before the in-memory broker would
 * handle the message, in a cluster too (for what other instances publish as well). The
 * broker does not see these writes, so it sends its heart-beats on schedule even to
 * connections that just got a broadcast: a newline each, harmless.
 *
 * <p>
 * Why an interceptor and not a {@code SimpleBrokerMessageHandler} subclass overriding
 * {@code sendMessageToSubscribers}: the broker is made inside
 * {@code @EnableWebSocketMessageBroker}'s configuration from the broker registry, so a
 * subclass needs either that {@code @Bean} method declared again or a post-processor that
 * swaps the bean, each copying its heart-beat, scheduler, subscription registry and order
 * settings and keeping them true across Spring versions. The interceptor uses only the
 * broker's public accessors and leaves Spring's configuration as it is.
 */
@Component
public class BroadcastFanout implements ExecutorChannelInterceptor {

	private static final Log logger = LogFactory.getLog(BroadcastFanout.class);

	private static final String TOPIC_PREFIX = "/topic/";

	private static final String SUBSCRIPTION_HEADER = "subscription";

	private static final byte[] MESSAGE_COMMAND = "MESSAGE\n".getBytes(StandardCharsets.UTF_8);

	private static final byte[] SUBSCRIPTION_LINE = "MESSAGE\nsubscription:".getBytes(StandardCharsets.UTF_8);

	private final StompSessions sessions;

	private final StompEncoder encoder = new StompEncoder();

	private final List<BiPredicate<String, String>> standardPath = new CopyOnWriteArrayList<>();

	/** Makes message ids unique across restarts of this server. */
	private final String idPrefix = Long.toString(System.currentTimeMillis(), 36) + '-';

	private final AtomicLong ids = new AtomicLong();

	private final LongAdder written = new LongAdder();

	public BroadcastFanout(StompSessions sessions) {
		this.sessions = sessions;
	}

	/**
	 * Send a connection's frames for the subscriptions the given test accepts through the
	 * client outbound channel (one message per subscriber, seen by its interceptors),
	 * while the test accepts them.
	 * @param test accepts a session id and a subscription id
	 */
	public void standardPathFor(BiPredicate<String, String> test) {
		this.standardPath.add(test);
	}

	/**
	 * How many frames this fan-out handed to connections directly (not counting those
	 * sent through the client outbound channel).
	 */
	public long written() {
		return this.written.sum();
	}

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		if (!(handler instanceof SimpleBrokerMessageHandler broker) || !broker.isRunning()
				|| !(message.getPayload() instanceof byte[] payload)) {
			return message;
		}
		MessageHeaders headers = message.getHeaders();
		String destination = SimpMessageHeaderAccessor.getDestination(headers);
		if (SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE || destination == null
				|| !destination.startsWith(TOPIC_PREFIX) || isBinary(message, payload)) {
			return message;
		}
		fanOut(broker, message, payload);
		return null;
	}

	/**
	 * Spring's STOMP handler writes a non-empty {@code application/octet-stream} payload
	 * as a binary frame: such broadcasts keep the broker's own path.
	 */
	private static boolean isBinary(Message<?> message, byte[] payload) {
		if (payload.length == 0) {
			return false;
		}
		Object header = message.getHeaders().get(MessageHeaders.CONTENT_TYPE);
		MimeType contentType = (header instanceof MimeType mimeType) ? mimeType
				: (header != null) ? MimeTypeUtils.parseMimeType(header.toString()) : null;
		return contentType != null && MimeTypeUtils.APPLICATION_OCTET_STREAM.isCompatibleWith(contentType);
	}

	private void fanOut(SimpleBrokerMessageHandler broker, Message<?> message, byte[] payload) {
		MultiValueMap<String, String> subscriptions = broker.getSubscriptionRegistry().findSubscriptions(message);
		if (subscriptions.isEmpty()) {
			return;
		}
		String excluded = ExcludeSelfInterceptor.excludedSession(message);
		Frames frames = null;
		for (Map.Entry<String, List<String>> entry : subscriptions.entrySet()) {
			String sessionId = entry.getKey();
			if (sessionId.equals(excluded)) {
				continue;
			}
			WebSocketSession session = this.sessions.get(sessionId);
			for (String subscriptionId : entry.getValue()) {
				if (session == null || takesStandardPath(sessionId, subscriptionId)) {
					sendThroughChannel(broker, message, sessionId, subscriptionId);
					continue;
				}
				if (frames == null) {
					frames = new Frames(sharedPart(message, payload));
				}
				write(session, frames.forSubscription(subscriptionId));
			}
		}
	}

	/**
	 * Whether a subscription's frames now go through the client outbound channel because
	 * a {@link #standardPathFor registered test} claims it.
	 */
	public boolean takesStandardPath(String sessionId, String subscriptionId) {
		for (BiPredicate<String, String> test : this.standardPath) {
			if (test.test(sessionId, subscriptionId)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The frame without its command line and subscription header: what every subscriber
	 * gets the same.
	 */
	private byte[] sharedPart(Message<?> message, byte[] payload) {
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
		accessor.removeNativeHeader(ExcludeSelfInterceptor.EXCLUDE_HEADER);
		accessor.removeNativeHeader(SUBSCRIPTION_HEADER);
		if (accessor.getMessageId() == null) {
			accessor.setMessageId(this.idPrefix + this.ids.incrementAndGet());
		}
		accessor.updateStompCommandAsServerMessage();
		byte[] frame = this.encoder.encode(accessor.getMessageHeaders(), payload);
		byte[] shared = new byte[frame.length - MESSAGE_COMMAND.length];
		System.arraycopy(frame, MESSAGE_COMMAND.length, shared, 0, shared.length);
		return shared;
	}

	private void write(WebSocketSession session, TextMessage frame) {
		try {
			session.sendMessage(frame);
			this.written.increment();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Failed to send a broadcast to session " + session.getId(), ex);
		}
	}

	/**
	 * What the in-memory broker does for each subscriber: a copy of the message addressed
	 * to one subscription, sent through the client outbound channel.
	 */
	private static void sendThroughChannel(SimpleBrokerMessageHandler broker, Message<?> message, String sessionId,
			String subscriptionId) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		MessageHeaderInitializer initializer = broker.getHeaderInitializer();
		if (initializer != null) {
			initializer.initHeaders(accessor);
		}
		accessor.setSessionId(sessionId);
		accessor.setSubscriptionId(subscriptionId);
		accessor.copyHeadersIfAbsent(message.getHeaders());
		accessor.setLeaveMutable(true);
		try {
			broker.getClientOutboundChannel()
				.send(MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders()));
		}
		catch (RuntimeException ex) {
			logger.error("Failed to send " + message + " to session " + sessionId, ex);
		}
	}

	/**
	 * Escape a STOMP header value as the STOMP 1.2 encoder does.
	 */
	static String escape(String value) {
		StringBuilder escaped = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			String replacement = switch (c) {
				case '\\' -> "\\\\";
				case ':' -> "\\c";
				case '\n' -> "\\n";
				case '\r' -> "\\r";
				default -> null;
			};
			if (replacement != null && escaped == null) {
				escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
			}
			if (escaped != null) {
				escaped.append((replacement != null) ? replacement : String.valueOf(c));
			}
		}
		return (escaped != null) ? escaped.toString() : value;
	}

	/**
	 * The frames of one broadcast, one per subscription id.
	 */
	private static final class Frames {

		private final byte[] shared;

		private String lastId;

		private TextMessage last;

		private Map<String, TextMessage> others;

		Frames(byte[] shared) {
			this.shared = shared;
		}

		TextMessage forSubscription(String subscriptionId) {
			if (subscriptionId.equals(this.lastId)) {
				return this.last;
			}
			if (this.others == null) {
				this.others = new HashMap<>();
			}
			if (this.lastId != null) {
				this.others.putIfAbsent(this.lastId, this.last);
			}
			this.last = this.others.computeIfAbsent(subscriptionId, this::build);
			this.lastId = subscriptionId;
			return this.last;
		}

		private TextMessage build(String subscriptionId) {
			byte[] id = escape(subscriptionId).getBytes(StandardCharsets.UTF_8);
			byte[] frame = new byte[SUBSCRIPTION_LINE.length + id.length + 1 + this.shared.length];
			System.arraycopy(SUBSCRIPTION_LINE, 0, frame, 0, SUBSCRIPTION_LINE.length);
			System.arraycopy(id, 0, frame, SUBSCRIPTION_LINE.length, id.length);
			frame[SUBSCRIPTION_LINE.length + id.length] = '\n';
			System.arraycopy(this.shared, 0, frame, SUBSCRIPTION_LINE.length + id.length + 1, this.shared.length);
			return new TextMessage(frame);
		}

	}

}
