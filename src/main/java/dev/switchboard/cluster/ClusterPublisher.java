package dev.switchboard.cluster;

import dev.switchboard.websocket.UserSessionSplitter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * The first step of the broker channel in a cluster: a broadcast to a {@code /topic}
 * destination, or a message for all of a user's connections, is published once to the
 * cluster (reaching every other instance that has a subscriber for it) and goes on,
 * marked as published, to this instance's own subscribers at once. Messages to one
 * connection (replies, acknowledgements) stay on this instance, which holds it.
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class ClusterPublisher implements ChannelInterceptor {

	private final ClusterBus bus;

	ClusterPublisher(ClusterBus bus) {
		this.bus = bus;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		MessageHeaders headers = message.getHeaders();
		if (SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE
				|| !(message.getPayload() instanceof byte[] payload) || ClusterMessages.isLocalOnly(message)) {
			return message;
		}
		String destination = SimpMessageHeaderAccessor.getDestination(headers);
		boolean broadcast = destination != null && destination.startsWith(ClusterMessages.TOPIC_PREFIX);
		if (!broadcast && !UserSessionSplitter.isForAllConnections(message)) {
			return message;
		}
		String routingKey = ClusterMessages.routingKey(destination);
		if (routingKey == null) {
			return message;
		}
		this.bus.publish(routingKey, destination, ClusterMessages.toAmqp(message, payload, this.bus.instanceId()));
		return ClusterMessages.localOnly(message);
	}

}
