package dev.switchboard.system;

import java.util.Iterator;
import java.util.Set;

import dev.switchboard.config.ClusterProperties;
import dev.switchboard.config.RelayTopicListener;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
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
 * Splits a message to {@code /user/{name}/…} into one message per connection of that
 * user, on the broker channel; in a cluster, hands it to every instance instead.
 *
 * <p>
 * Spring Framework 7.0 fails to deliver a user-destination message to the second and
 * later sessions of a user when inbound order is preserved ("Expected mutable
 * SimpMessageHeaderAccessor"), because it reuses one message for every session. One
 * message per session, addressed with its session id, takes the path that works; this
 * covers {@code convertAndSendToUser} and {@code @SendToUser} alike.
 *
 * <p>
 * In a cluster, a message for all of a user's connections is published once on the user
 * destination broadcast topic, and every instance (this one included) delivers it to the
 * connections it holds, which it knows exactly. A message for one connection (an
 * acknowledgement or error reply) stays on the instance that holds it.
 */
@Component
public class UserSessionSplitter implements ChannelInterceptor, RelayTopicListener {

	/**
	 * The topic on which the instances of a cluster hand each other messages for a user's
	 * connections.
	 */
	public static final String CLUSTER_BROADCAST = "/topic/switchboard.user-messages";

	private static final String USER_PREFIX = "/user/";

	/** Headers of the broadcast that the per-connection copies must not carry. */
	private static final Set<String> BROKER_HEADERS = Set.of("destination", "subscription", "message-id", "redelivered",
			"content-length", "content-type", "ack", SimpMessageHeaderAccessor.ORIGINAL_DESTINATION);

	private final SimpUserRegistry users;

	private final boolean cluster;

	private final MessageChannel brokerChannel;

	public UserSessionSplitter(@Lazy SimpUserRegistry users, ClusterProperties cluster,
			@Lazy @Qualifier("brokerChannel") MessageChannel brokerChannel) {
		this.users = users;
		this.cluster = cluster.enabled();
		this.brokerChannel = brokerChannel;
	}

	@Override
	public String relayTopic() {
		return CLUSTER_BROADCAST;
	}

	/**
	 * Deliver a message that an instance of the cluster published for a user to each of
	 * that user's connections on this instance.
	 */
	@Override
	public void handleMessage(Message<?> broadcast) {
		String destination = NativeMessageHeaderAccessor
			.getFirstNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, broadcast.getHeaders());
		SimpUser user = (destination != null) ? this.users.getUser(userName(destination)) : null;
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

	private static String userName(String destination) {
		int end = destination.indexOf('/', USER_PREFIX.length());
		return (end > 0) ? destination.substring(USER_PREFIX.length(), end) : "";
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		MessageHeaders headers = message.getHeaders();
		String destination = SimpMessageHeaderAccessor.getDestination(headers);
		if (SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE
				|| SimpMessageHeaderAccessor.getSessionId(headers) != null || destination == null
				|| !destination.startsWith(USER_PREFIX)) {
			return message;
		}
		if (this.cluster) {
			return toEveryInstance(message, destination);
		}
		SimpUser user = this.users.getUser(userName(destination));
		if (user == null || user.getSessions().size() < 2) {
			return message;
		}
		Iterator<SimpSession> sessions = user.getSessions().iterator();
		Message<?> first = forSession(message, sessions.next());
		while (sessions.hasNext()) {
			channel.send(forSession(message, sessions.next()));
		}
		return first;
	}

	private static Message<?> toEveryInstance(Message<?> message, String destination) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
		accessor.setDestination(CLUSTER_BROADCAST);
		accessor.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, destination);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	private static Message<?> forSession(Message<?> message, SimpSession session) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
		accessor.setSessionId(session.getId());
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

}
