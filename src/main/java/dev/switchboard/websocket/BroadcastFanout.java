package dev.switchboard.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
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
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
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
public class BroadcastFanout implements ExecutorChannelInterceptor, DisposableBean {

	private static final Log logger = LogFactory.getLog(BroadcastFanout.class);

	private static final String TOPIC_PREFIX = "/topic/";

	private static final String SUBSCRIPTION_HEADER = "subscription";

	private static final byte[] MESSAGE_COMMAND = "MESSAGE\n".getBytes(StandardCharsets.UTF_8);

	private static final byte[] SUBSCRIPTION_LINE = "MESSAGE\nsubscription:".getBytes(StandardCharsets.UTF_8);

	/**
	 * Connections a broadcast must reach, per part, before its writes are split between
	 * threads: each write is a system call of a few microseconds, so a room of thousands
	 * takes tens of milliseconds on one thread, which is what its last subscriber waits.
	 */
	static final int MIN_CONNECTIONS_PER_PART = 1000;

	private final StompSessions sessions;

	private final StompEncoder encoder = new StompEncoder();

	private final List<BiPredicate<String, String>> standardPath = new CopyOnWriteArrayList<>();

	/** Makes message ids unique across restarts of this server. */
	private final String idPrefix = Long.toString(System.currentTimeMillis(), 36) + '-';

	private final AtomicLong ids = new AtomicLong();

	private final LongAdder written = new LongAdder();

	/** Threads that write parts of a large broadcast beside the thread that makes it. */
	private final ExecutorService helpers;

	/** Most parts a broadcast's writes are split into (the helpers and the caller). */
	private final int parallelism;

	/** Fewest connections of each part: a smaller broadcast is written by its caller. */
	private final int minPerPart;

	@Autowired
	public BroadcastFanout(StompSessions sessions) {
		this(sessions, helpers(Runtime.getRuntime().availableProcessors()), Runtime.getRuntime().availableProcessors(),
				MIN_CONNECTIONS_PER_PART);
	}

	/**
	 * A fan-out that splits broadcasts to at least {@code 2 × minPerPart} connections
	 * into at most {@code parallelism} parts, all but the caller's written on
	 * {@code helpers} ({@code null}: never split).
	 */
	BroadcastFanout(StompSessions sessions, ExecutorService helpers, int parallelism, int minPerPart) {
		this.sessions = sessions;
		this.helpers = helpers;
		this.parallelism = parallelism;
		this.minPerPart = minPerPart;
	}

	private static ExecutorService helpers(int cores) {
		if (cores < 2) {
			return null;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("broadcast-helper-");
		threads.setDaemon(true);
		return Executors.newFixedThreadPool(cores - 1, threads);
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
		Writes writes = (this.helpers != null && subscriptions.size() >= 2 * this.minPerPart)
				? new Writes(subscriptions.size()) : null;
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
				if (writes != null) {
					writes.add(session, frames.forSubscription(subscriptionId));
				}
				else {
					write(session, frames.forSubscription(subscriptionId));
				}
			}
		}
		if (writes != null) {
			writeInParts(writes);
		}
	}

	/**
	 * Write a broadcast's frames in parts, one on the calling thread and the others on
	 * the helpers, and return once all are written (queued to their connections), as an
	 * unsplit broadcast does: the next broadcast of the room starts after this one, so
	 * each connection still gets a room's frames in order. A part no helper has started
	 * by the time the caller's own is written is written by the caller.
	 */
	private void writeInParts(Writes writes) {
		int parts = Math.min(this.parallelism, writes.size() / this.minPerPart);
		if (parts < 2) {
			writes.write(0, writes.size());
			return;
		}
		int partSize = (writes.size() + parts - 1) / parts;
		List<Part> others = new ArrayList<>(parts - 1);
		for (int start = partSize; start < writes.size(); start += partSize) {
			Part part = new Part(writes, start, Math.min(writes.size(), start + partSize));
			others.add(part);
			try {
				this.helpers.execute(part);
			}
			catch (RejectedExecutionException ex) {
				// Shutting down: the caller writes it below.
			}
		}
		writes.write(0, partSize);
		for (Part part : others) {
			part.runOrAwait();
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
	 * Stop the helper threads (a broadcast made after this is written by its caller).
	 */
	@Override
	public void destroy() {
		if (this.helpers != null) {
			this.helpers.shutdown();
		}
	}

	/**
	 * The direct writes of one broadcast: a connection and its frame each.
	 */
	private final class Writes {

		private final List<WebSocketSession> sessions;

		private final List<TextMessage> frames;

		Writes(int expected) {
			this.sessions = new ArrayList<>(expected);
			this.frames = new ArrayList<>(expected);
		}

		void add(WebSocketSession session, TextMessage frame) {
			this.sessions.add(session);
			this.frames.add(frame);
		}

		int size() {
			return this.sessions.size();
		}

		void write(int from, int to) {
			for (int i = from; i < to; i++) {
				BroadcastFanout.this.write(this.sessions.get(i), this.frames.get(i));
			}
		}

	}

	/**
	 * A part of a broadcast's writes, written by whichever thread claims it first.
	 */
	private static final class Part implements Runnable {

		private final Writes writes;

		private final int from;

		private final int to;

		private final AtomicBoolean claimed = new AtomicBoolean();

		private final CountDownLatch written = new CountDownLatch(1);

		Part(Writes writes, int from, int to) {
			this.writes = writes;
			this.from = from;
			this.to = to;
		}

		@Override
		public void run() {
			if (this.claimed.compareAndSet(false, true)) {
				try {
					this.writes.write(this.from, this.to);
				}
				finally {
					this.written.countDown();
				}
			}
		}

		/**
		 * Write the part unless a helper has claimed it, then wait until it is written.
		 */
		void runOrAwait() {
			run();
			boolean interrupted = false;
			while (true) {
				try {
					this.written.await();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}

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
