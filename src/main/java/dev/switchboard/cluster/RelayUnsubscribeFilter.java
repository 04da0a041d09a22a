package dev.switchboard.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.websocket.Pipeline;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
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
 * Keeps UNSUBSCRIBE frames for subscriptions the broker never saw (such as
 * {@code /app/rooms/{room}/members}) away from the STOMP broker relay.
 *
 * <p>
 * An UNSUBSCRIBE carries no destination, so the relay forwards every one to RabbitMQ,
 * which answers one for an unknown subscription with an ERROR and closes the client's
 * connection. Only subscriptions to broker destinations (and to {@code /user/…}, which
 * become broker destinations) are remembered, per connection; any other UNSUBSCRIBE has
 * nothing left to do and is dropped here.
 *
 * <p>
 * Seen with Spring Framework 7.0.8's {@code StompBrokerRelayMessageHandler} and RabbitMQ
 * 3.x's STOMP plugin. It goes with the broker relay ({@code RelayFiltersTests}).
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
@Order(Pipeline.CLUSTER_INBOUND)
class RelayUnsubscribeFilter implements ChannelInterceptor, WebSocketMessageBrokerConfigurer {

	private static final String[] BROKER_PREFIXES = { "/topic/", "/queue/", "/user/" };

	private final Map<String, Set<String>> brokerSubscriptions = new ConcurrentHashMap<>();

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		MessageHeaders headers = message.getHeaders();
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
		String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
		String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(headers);
		if (sessionId == null || subscriptionId == null) {
			return message;
		}
		if (type == SimpMessageType.SUBSCRIBE
				&& isBrokerDestination(SimpMessageHeaderAccessor.getDestination(headers))) {
			this.brokerSubscriptions.computeIfAbsent(sessionId, (id) -> ConcurrentHashMap.newKeySet())
				.add(subscriptionId);
		}
		else if (type == SimpMessageType.UNSUBSCRIBE) {
			Set<String> subscriptions = this.brokerSubscriptions.get(sessionId);
			if (subscriptions == null || !subscriptions.remove(subscriptionId)) {
				return null;
			}
		}
		return message;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this);
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		this.brokerSubscriptions.remove(event.getSessionId());
	}

	private static boolean isBrokerDestination(String destination) {
		if (destination != null) {
			for (String prefix : BROKER_PREFIXES) {
				if (destination.startsWith(prefix)) {
					return true;
				}
			}
		}
		return false;
	}

}
