package dev.switchboard.cluster;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import dev.switchboard.websocket.Pipeline;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Counts this instance's local subscribers per routing key, on the client inbound channel
 * once a frame has passed security and limits, and keeps the {@link ClusterBus}'s
 * bindings to match: a {@code /topic} destination is bound on its first local SUBSCRIBE,
 * before the broker registers it, and unbound a while after its last subscriber left
 * ({@code switchboard.cluster.unbind-linger}); a user's destinations are bound while the
 * user has a connection here.
 *
 * <p>
 * A {@link DestinationBound} event follows each new binding, on the SUBSCRIBE's thread,
 * and a {@link DestinationUnbound} event each removal.
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
@Order(Pipeline.CLUSTER_INBOUND)
class ClusterSubscriptions implements ChannelInterceptor, WebSocketMessageBrokerConfigurer {

	/** The pseudo subscription id under which a connection holds its user's binding. */
	private static final String USER = "\u0000user";

	private final ClusterBus bus;

	private final ApplicationEventPublisher events;

	private final TaskScheduler scheduler;

	private final Duration linger;

	/** session id → subscription id → routing key. */
	private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	ClusterSubscriptions(ClusterBus bus, ApplicationEventPublisher events, ClusterProperties properties,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
		this.bus = bus;
		this.events = events;
		this.linger = properties.unbindLinger();
		this.scheduler = scheduler;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this);
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		MessageHeaders headers = message.getHeaders();
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
		String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
		if (type == null || sessionId == null) {
			return message;
		}
		switch (type) {
			case CONNECT -> connected(sessionId, SimpMessageHeaderAccessor.getUser(headers));
			case SUBSCRIBE -> subscribed(sessionId, SimpMessageHeaderAccessor.getSubscriptionId(headers),
					SimpMessageHeaderAccessor.getDestination(headers));
			case UNSUBSCRIBE -> unsubscribed(sessionId, SimpMessageHeaderAccessor.getSubscriptionId(headers));
			case DISCONNECT -> disconnected(sessionId);
			default -> {
			}
		}
		return message;
	}

	private void connected(String sessionId, Principal user) {
		if (user != null) {
			hold(sessionId, USER, ClusterMessages.userKey(user.getName()), "/user/" + user.getName());
		}
	}

	private void subscribed(String sessionId, String subscriptionId, String destination) {
		if (subscriptionId != null && destination != null && destination.startsWith(ClusterMessages.TOPIC_PREFIX)) {
			hold(sessionId, subscriptionId, ClusterMessages.routingKey(destination), destination);
		}
	}

	private void unsubscribed(String sessionId, String subscriptionId) {
		Map<String, String> held = this.sessions.get(sessionId);
		String routingKey = (held != null && subscriptionId != null) ? held.remove(subscriptionId) : null;
		if (routingKey != null) {
			release(routingKey);
		}
	}

	private void disconnected(String sessionId) {
		Map<String, String> held = this.sessions.remove(sessionId);
		if (held != null) {
			held.values().forEach(this::release);
		}
	}

	private void hold(String sessionId, String subscriptionId, String routingKey, String destination) {
		String previous = this.sessions.computeIfAbsent(sessionId, (id) -> new ConcurrentHashMap<>())
			.put(subscriptionId, routingKey);
		Counter counter = this.counters.compute(routingKey, (key, existing) -> {
			Counter held = (existing != null) ? existing : new Counter(destination);
			held.count++;
			if (held.unbind != null) {
				held.unbind.cancel(false);
				held.unbind = null;
			}
			return held;
		});
		synchronized (counter) { // later subscribers wait until the first one's binding
									// is made
			if (!counter.bound) {
				this.bus.bind(routingKey, destination);
				this.events.publishEvent(new DestinationBound(destination));
				counter.bound = true;
			}
		}
		if (previous != null) {
			release(previous);
		}
	}

	private void release(String routingKey) {
		this.counters.computeIfPresent(routingKey, (key, counter) -> {
			if (--counter.count == 0) {
				try {
					counter.unbind = this.scheduler.schedule(() -> unbindIfUnused(routingKey, counter),
							this.scheduler.getClock().instant().plus(this.linger));
				}
				catch (TaskRejectedException ex) {
					// Shutting down: the queue and its bindings go with the connection.
				}
			}
			return counter;
		});
	}

	private void unbindIfUnused(String routingKey, Counter expected) {
		this.counters.computeIfPresent(routingKey, (key, counter) -> {
			if (counter != expected || counter.count > 0) {
				return counter;
			}
			this.bus.unbind(routingKey);
			this.events.publishEvent(new DestinationUnbound(counter.destination));
			return null;
		});
	}

	/**
	 * The local subscribers of one routing key.
	 */
	private static final class Counter {

		private final String destination;

		private int count;

		private boolean bound;

		private ScheduledFuture<?> unbind;

		Counter(String destination) {
			this.destination = destination;
		}

	}

}
