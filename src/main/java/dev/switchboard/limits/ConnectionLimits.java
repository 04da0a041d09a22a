package dev.switchboard.limits;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.system.ClientErrorException;
import dev.switchboard.system.Replies;
import dev.switchboard.system.StompErrorHandler;
import dev.switchboard.websocket.Pipeline;
import io.github.bucket4j.Bucket;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Enforces {@link LimitsProperties} on the client inbound channel, right after
 * authentication: connections per user (on CONNECT), subscriptions per connection (on
 * SUBSCRIBE), the send rate and the subscribe rate per connection (a token bucket each
 * per connection).
 *
 * <p>
 * Connections are counted by a {@link ConnectionLedger}: on this server, or across the
 * cluster when {@code switchboard.cluster.enabled} is true. A user's first accepted
 * connection and the end of their last one are published as {@link OnlineChange} events.
 */
@Component
@Order(Pipeline.LIMITS)
public class ConnectionLimits implements ChannelInterceptor, WebSocketMessageBrokerConfigurer {

	private static final String SUBSCRIPTIONS = ConnectionLimits.class.getName() + ".subscriptions";

	private static final String BUCKET = ConnectionLimits.class.getName() + ".bucket";

	private static final String SUBSCRIBE_BUCKET = ConnectionLimits.class.getName() + ".subscribeBucket";

	private final LimitsProperties limits;

	private final Replies replies;

	private final StompErrorHandler errors;

	private final ConnectionLedger connections;

	private final ApplicationEventPublisher events;

	ConnectionLimits(LimitsProperties limits, Replies replies, StompErrorHandler errors, ConnectionLedger connections,
			ApplicationEventPublisher events) {
		this.limits = limits;
		this.replies = replies;
		this.errors = errors;
		this.connections = connections;
		this.events = events;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this);
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		MessageHeaders headers = message.getHeaders();
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
		if (type == SimpMessageType.MESSAGE) {
			return checkRate(message);
		}
		if ((type == SimpMessageType.SUBSCRIBE || type == SimpMessageType.UNSUBSCRIBE)
				&& !takeSubscribeToken(message)) {
			this.errors.refuse(message, new ClientErrorException("rate-limited", "More than "
					+ this.limits.subscribeRate() + " subscriptions or unsubscriptions per second; slow down"));
			return null;
		}
		if (type == SimpMessageType.SUBSCRIBE) {
			return checkSubscriptions(message);
		}
		if (type == SimpMessageType.UNSUBSCRIBE) {
			Set<String> subscriptions = subscriptions(headers);
			if (subscriptions != null) {
				subscriptions.remove(SimpMessageHeaderAccessor.getSubscriptionId(headers));
			}
			return message;
		}
		if (type == SimpMessageType.CONNECT) {
			return checkConnections(message);
		}
		return message;
	}

	/**
	 * How many connections a user has open: on this server, or across the cluster when
	 * {@code switchboard.cluster.enabled} is true.
	 */
	public int connections(String user) {
		return this.connections.connections(user);
	}

	/**
	 * The users with at least one connection open (on any instance of a cluster), the
	 * first {@code max} by name.
	 */
	public List<String> onlineUsers(int max) {
		return this.connections.users(max);
	}

	/**
	 * How many users have at least one connection open (on any instance of a cluster).
	 */
	public int onlineCount() {
		return this.connections.users();
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		Principal user = event.getUser();
		if (user != null) {
			String name = user.getName();
			this.connections.release(name, event.getSessionId(),
					() -> this.events.publishEvent(new OnlineChange(name, false)));
		}
	}

	private Message<?> checkConnections(Message<?> message) {
		Principal user = SimpMessageHeaderAccessor.getUser(message.getHeaders());
		String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
		if (user == null) {
			return message;
		}
		String name = user.getName();
		if (!this.connections.tryAccept(name, sessionId, this.limits.connectionsPerUser(),
				() -> this.events.publishEvent(new OnlineChange(name, true)))) {
			this.errors.refuse(message,
					new ClientErrorException("too-many-connections", "Already " + this.limits.connectionsPerUser()
							+ " connections open for " + user.getName() + "; close one first"));
			return null;
		}
		return message;
	}

	private Message<?> checkSubscriptions(Message<?> message) {
		Map<String, Object> attributes = SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders());
		if (attributes == null) {
			return message;
		}
		@SuppressWarnings("unchecked")
		Set<String> subscriptions = (Set<String>) attributes.computeIfAbsent(SUBSCRIPTIONS,
				(key) -> ConcurrentHashMap.newKeySet());
		String id = SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders());
		if (subscriptions.size() >= this.limits.subscriptionsPerConnection() && !subscriptions.contains(id)) {
			this.errors.refuse(message, new ClientErrorException("too-many-subscriptions",
					"A connection may hold at most " + this.limits.subscriptionsPerConnection() + " subscriptions"));
			return null;
		}
		subscriptions.add(id);
		return message;
	}

	private boolean takeSubscribeToken(Message<?> message) {
		Map<String, Object> attributes = SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders());
		if (attributes == null) {
			return true;
		}
		Bucket bucket = (Bucket) attributes.computeIfAbsent(SUBSCRIBE_BUCKET,
				(key) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(this.limits.subscribeBurst())
						.refillGreedy(this.limits.subscribeRate(), Duration.ofSeconds(1)))
					.build());
		return bucket.tryConsume(1);
	}

	private Message<?> checkRate(Message<?> message) {
		Map<String, Object> attributes = SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders());
		if (attributes == null) {
			return message;
		}
		Bucket bucket = (Bucket) attributes.computeIfAbsent(BUCKET,
				(key) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(this.limits.sendBurst())
						.refillGreedy(this.limits.sendRate(), Duration.ofSeconds(1)))
					.build());
		if (bucket.tryConsume(1)) {
			return message;
		}
		this.replies.fail(message, "rate-limited",
				"More than " + this.limits.sendRate() + " messages per second; slow down");
		return null;
	}

	@SuppressWarnings("unchecked")
	private static Set<String> subscriptions(MessageHeaders headers) {
		Map<String, Object> attributes = SimpMessageHeaderAccessor.getSessionAttributes(headers);
		return (attributes != null) ? (Set<String>) attributes.get(SUBSCRIPTIONS) : null;
	}

}
