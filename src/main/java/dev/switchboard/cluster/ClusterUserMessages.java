package dev.switchboard.cluster;

import java.util.Set;

import dev.switchboard.websocket.UserSessionSplitter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Delivers a message for all of a user's connections on every instance of the cluster: on
 * the broker channel it is published once on a broadcast topic instead, and every
 * instance (this one included) delivers it to the connections it holds, which it knows
 * exactly.
 *
 * <p>
 * A message for one connection (an acknowledgement or error reply) stays on the instance
 * that holds it. Runs ahead of the {@link UserSessionSplitter}, which then has nothing to
 * split.
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class ClusterUserMessages implements ChannelInterceptor, RelayTopicListener {

	/**
	 * The topic on which the instances of a cluster hand each other messages for a user's
	 * connections.
	 */
	static final String BROADCAST_TOPIC = "/topic/switchboard.user-messages";

	/** Headers of the broadcast that the per-connection copies must not carry. */
	private static final Set<String> BROKER_HEADERS = Set.of("destination", "subscription", "message-id", "redelivered",
			"content-length", "content-type", "ack", SimpMessageHeaderAccessor.ORIGINAL_DESTINATION);

	private final SimpUserRegistry users;

	private final MessageChannel brokerChannel;

	ClusterUserMessages(@Lazy SimpUserRegistry users, @Lazy @Qualifier("brokerChannel") MessageChannel brokerChannel) {
		this.users = users;
		this.brokerChannel = brokerChannel;
	}

	@Override
	public String relayTopic() {
		return BROADCAST_TOPIC;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (!UserSessionSplitter.isForAllConnections(message)) {
			return message;
		}
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
		accessor.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, accessor.getDestination());
		accessor.setDestination(BROADCAST_TOPIC);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	/**
	 * Deliver a message that an instance of the cluster published for a user to each of
	 * that user's connections on this instance.
	 */
	@Override
	public void handleMessage(Message<?> broadcast) {
		String destination = NativeMessageHeaderAccessor
			.getFirstNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, broadcast.getHeaders());
		SimpUser user = (destination != null) ? this.users.getUser(UserSessionSplitter.userName(destination)) : null;
		if (user == null) {
			return;
		}
		SimpMessageHeaderAccessor original = SimpMessageHeaderAccessor.wrap(broadcast);
		for (SimpSession session : user.getSessions()) {
			SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
			original.toNativeHeaderMap().forEach((name, values) -> {
				if (!BROKER_HEADERS.contains(name)) {
					accessor.setNativeHeader(name, values.get(0));
				}
			});
			accessor.setContentType(original.getContentType());
			accessor.setDestination(destination);
			accessor.setSessionId(session.getId());
			accessor.setLeaveMutable(true);
			this.brokerChannel.send(MessageBuilder.createMessage(broadcast.getPayload(), accessor.getMessageHeaders()));
		}
	}

}
