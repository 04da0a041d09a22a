package dev.switchboard.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.websocket.ExcludeSelfInterceptor;
import dev.switchboard.websocket.UserSessionSplitter;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.util.MimeType;

/**
 * How a broker-channel message crosses RabbitMQ between instances: its routing key on the
 * cluster's topic exchange ({@code topic.rooms.general} for {@code /topic/rooms.general},
 * {@code user.alice} for every message to a destination of user {@code alice}), and its
 * AMQP form (the payload as the body; destination, content type and STOMP headers as AMQP
 * headers; the publishing instance's id).
 */
public final class ClusterMessages {

	/**
	 * A header of a broker-channel message that is already in the cluster (published by
	 * this instance, received from another one, or read back from storage): it is to be
	 * delivered to this instance's subscribers only, never published again.
	 */
	public static final String LOCAL_ONLY_HEADER = "switchboardClusterLocalOnly";

	static final String TOPIC_PREFIX = "/topic/";

	static final String ORIGIN = "origin";

	/** An instance asks the others to recover a destination's messages from storage. */
	static final String RESYNC = "resync";

	private static final String DESTINATION = "destination";

	private static final String CONTENT_TYPE = "content-type";

	private static final String STOMP_HEADERS = "stomp";

	private ClusterMessages() {
	}

	/**
	 * The routing key of a broker destination, or {@code null} if messages to it stay on
	 * this instance.
	 */
	static String routingKey(String destination) {
		if (destination == null) {
			return null;
		}
		if (destination.startsWith(TOPIC_PREFIX) && destination.length() > TOPIC_PREFIX.length()) {
			return "topic." + destination.substring(TOPIC_PREFIX.length());
		}
		if (destination.startsWith(UserSessionSplitter.USER_PREFIX)) {
			String user = UserSessionSplitter.userName(destination);
			return user.isEmpty() ? null : userKey(user);
		}
		return null;
	}

	/**
	 * The routing key of every message to a user's destinations.
	 */
	static String userKey(String user) {
		return "user." + user;
	}

	/**
	 * Whether a message on the broker channel is already in the cluster.
	 */
	static boolean isLocalOnly(Message<?> message) {
		return message.getHeaders().containsKey(LOCAL_ONLY_HEADER);
	}

	/**
	 * The same message, marked as already in the cluster.
	 */
	static Message<?> localOnly(Message<?> message) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
		accessor.setHeader(LOCAL_ONLY_HEADER, Boolean.TRUE);
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	/**
	 * The AMQP form of a broadcast. The exclude-self header is left out: the sending
	 * connection is on this instance, and session ids are only unique per instance.
	 */
	static org.springframework.amqp.core.Message toAmqp(Message<?> message, byte[] payload, String origin) {
		MessageHeaders headers = message.getHeaders();
		MessageProperties properties = new MessageProperties();
		properties.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
		properties.setHeader(ORIGIN, origin);
		properties.setHeader(DESTINATION, SimpMessageHeaderAccessor.getDestination(headers));
		Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
		if (contentType != null) {
			properties.setHeader(CONTENT_TYPE, contentType.toString());
		}
		Map<String, Object> stomp = new LinkedHashMap<>();
		if (headers.get(NativeMessageHeaderAccessor.NATIVE_HEADERS) instanceof Map<?, ?> natives) {
			natives.forEach((name, values) -> {
				if (!ExcludeSelfInterceptor.EXCLUDE_HEADER.equals(name) && values instanceof List<?> list
						&& !list.isEmpty()) {
					stomp.put(name.toString(), String.valueOf(list.get(0)));
				}
			});
		}
		properties.setHeader(STOMP_HEADERS, stomp);
		return new org.springframework.amqp.core.Message(payload, properties);
	}

	/**
	 * A request to the other instances to recover a destination's messages from storage.
	 */
	static org.springframework.amqp.core.Message resync(String destination, String origin) {
		MessageProperties properties = new MessageProperties();
		properties.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
		properties.setHeader(ORIGIN, origin);
		properties.setHeader(DESTINATION, destination);
		properties.setHeader(RESYNC, Boolean.TRUE);
		return new org.springframework.amqp.core.Message(new byte[0], properties);
	}

	static String origin(org.springframework.amqp.core.Message message) {
		return string(message.getMessageProperties().getHeader(ORIGIN));
	}

	static String destination(org.springframework.amqp.core.Message message) {
		return string(message.getMessageProperties().getHeader(DESTINATION));
	}

	static boolean isResync(org.springframework.amqp.core.Message message) {
		return message.getMessageProperties().getHeader(RESYNC) != null;
	}

	/**
	 * The broker-channel message of one received from another instance, marked as already
	 * in the cluster.
	 */
	static Message<byte[]> fromAmqp(org.springframework.amqp.core.Message message) {
		MessageProperties properties = message.getMessageProperties();
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setDestination(destination(message));
		String contentType = string(properties.getHeader(CONTENT_TYPE));
		if (contentType != null) {
			accessor.setContentType(MimeType.valueOf(contentType));
		}
		if (properties.getHeader(STOMP_HEADERS) instanceof Map<?, ?> stomp) {
			stomp.forEach((name, value) -> accessor.setNativeHeader(name.toString(), String.valueOf(value)));
		}
		accessor.setHeader(LOCAL_ONLY_HEADER, Boolean.TRUE);
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(message.getBody(), accessor.getMessageHeaders());
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
