package dev.switchboard.raw;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.switchboard.system.ErrorReply;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Turns what the messaging pipeline sends a connection into {@code /raw} messages: room
 * events, direct messages and invitations as the same JSON STOMP clients get, and
 * acknowledgements, errors and member lists wrapped in an object with a {@code type}
 * ({@code ack}, {@code error}, {@code members}); binary relays as binary messages.
 */
@Component
class RawEvents {

	static final String ACKS = "/user/queue/acks";

	static final String ERRORS = "/user/queue/errors";

	private static final String MEMBERS_SUFFIX = "/members";

	private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JsonMapper json;

	RawEvents(JsonMapper json) {
		this.json = json;
	}

	/**
	 * A MESSAGE for one of the connection's subscriptions.
	 */
	WebSocketMessage<?> message(Message<?> message) {
		byte[] payload = (byte[]) message.getPayload();
		if (NativeMessageHeaderAccessor.getFirstNativeHeader(BinaryRelay.BINARY_HEADER, message.getHeaders()) != null) {
			return new BinaryMessage(ByteBuffer.wrap(payload));
		}
		String subscription = SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders());
		if (ACKS.equals(subscription)) {
			return wrap("ack", payload);
		}
		if (ERRORS.equals(subscription)) {
			return wrap("error", payload);
		}
		if (subscription != null && subscription.endsWith(MEMBERS_SUFFIX)) {
			return wrap("members", payload);
		}
		return new TextMessage(payload);
	}

	/**
	 * The connection is ready: its user is known to the server.
	 */
	TextMessage connected(Principal user) {
		Map<String, Object> connected = new LinkedHashMap<>();
		connected.put("type", "connected");
		connected.put("user", user.getName());
		return text(connected);
	}

	/**
	 * An error reply, from the JSON of an {@link ErrorReply}.
	 */
	TextMessage error(byte[] errorReply) {
		return wrap("error", errorReply);
	}

	/**
	 * An error reply.
	 */
	TextMessage error(String code, String message) {
		return error(code, message, null);
	}

	/**
	 * An error reply to a command that carried an {@code ackId}.
	 */
	TextMessage error(String code, String message, String ackId) {
		return wrap("error", this.json.writeValueAsBytes(new ErrorReply(code, message, null, ackId)));
	}

	/**
	 * The negative acknowledgement of a command that carried an {@code ackId}.
	 */
	TextMessage nack(String ackId, String code, String message) {
		Map<String, Object> nack = new LinkedHashMap<>();
		nack.put("type", "ack");
		nack.put("ackId", ackId);
		nack.put("ok", false);
		nack.put("code", code);
		nack.put("message", message);
		return text(nack);
	}

	/**
	 * The {@code code} of an error reply's JSON.
	 */
	String code(byte[] errorReply) {
		return String.valueOf(this.json.readValue(errorReply, OBJECT).get("code"));
	}

	private TextMessage wrap(String type, byte[] object) {
		Map<String, Object> wrapped = new LinkedHashMap<>();
		wrapped.put("type", type);
		this.json.readValue(object, OBJECT).forEach(wrapped::putIfAbsent);
		return text(wrapped);
	}

	private TextMessage text(Map<String, Object> object) {
		return new TextMessage(this.json.writeValueAsString(object));
	}

}
