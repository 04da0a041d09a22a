package dev.switchboard.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Maps a connection's own broker queue, such as {@code /queue/acks-user{session}} for
 * {@code /user/queue/acks}, onto a RabbitMQ topic ({@code /topic/acks-user{session}}) on
 * the broker channel.
 *
 * <p>
 * RabbitMQ's STOMP plugin declares a durable queue that outlives its subscriber for every
 * {@code /queue/…} destination, so each connection would leave queues behind. A topic
 * subscription gets an exclusive queue that is deleted with the connection, and a message
 * for a connection that has gone is dropped instead of kept. The client still sees its
 * {@code /user/queue/…} destination, which travels in a header.
 *
 * <p>
 * Seen with RabbitMQ 3.x's STOMP plugin. It goes with the broker relay
 * ({@code RelayFiltersTests}).
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class RelayUserQueues implements ChannelInterceptor {

	private static final String QUEUE_PREFIX = "/queue/";

	private static final String TOPIC_PREFIX = "/topic/";

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
		if (destination == null || !destination.startsWith(QUEUE_PREFIX)) {
			return message;
		}
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
		accessor.setDestination(TOPIC_PREFIX + destination.substring(QUEUE_PREFIX.length()));
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

}
