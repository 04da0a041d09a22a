package dev.switchboard.system;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Sends acknowledgements and error replies to the one connection a request came from, on
 * {@code /user/queue/acks} and {@code /user/queue/errors}.
 */
@Component
public class Replies {

	/** STOMP header a client sets on a SEND to get an acknowledgement. */
	public static final String ACK_ID_HEADER = "ack-id";

	static final String ACKS_QUEUE = "/queue/acks";

	static final String ERRORS_QUEUE = "/queue/errors";

	private final SimpMessageSendingOperations messaging;

	private final JsonMapper jsonMapper;

	public Replies(@Lazy SimpMessageSendingOperations messaging, JsonMapper jsonMapper) {
		this.messaging = messaging;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Acknowledge a request that carried an {@code ack-id}; does nothing otherwise.
	 * @param request the client's message
	 * @param result what the handler returned, merged into the acknowledgement, or
	 * {@code null}
	 */
	public void ack(Message<?> request, Object result) {
		String ackId = ackId(request);
		if (ackId == null) {
			return;
		}
		Map<String, Object> ack = new LinkedHashMap<>();
		ack.put("ackId", ackId);
		ack.put("ok", true);
		if (result != null) {
			Object converted = this.jsonMapper.convertValue(result, Object.class);
			if (converted instanceof Map<?, ?> fields) {
				fields.forEach((key, value) -> ack.putIfAbsent(String.valueOf(key), value));
			}
			else {
				ack.put("data", converted);
			}
		}
		sendToConnection(request, ACKS_QUEUE, ack);
	}

	/**
	 * Report a failed request: an {@link ErrorReply} on {@code /user/queue/errors} and,
	 * when the request carried an {@code ack-id}, a negative acknowledgement.
	 * @param request the client's message
	 * @param code machine-readable error code
	 * @param message human-readable explanation
	 */
	public void fail(Message<?> request, String code, String message) {
		String ackId = ackId(request);
		String destination = SimpMessageHeaderAccessor.getDestination(request.getHeaders());
		sendToConnection(request, ERRORS_QUEUE, new ErrorReply(code, message, destination, ackId));
		if (ackId != null) {
			Map<String, Object> nack = new LinkedHashMap<>();
			nack.put("ackId", ackId);
			nack.put("ok", false);
			nack.put("code", code);
			nack.put("message", message);
			sendToConnection(request, ACKS_QUEUE, nack);
		}
	}

	private void sendToConnection(Message<?> request, String queue, Object payload) {
		MessageHeaders headers = request.getHeaders();
		Principal user = SimpMessageHeaderAccessor.getUser(headers);
		String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
		if (user == null || sessionId == null) {
			return;
		}
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setSessionId(sessionId);
		accessor.setLeaveMutable(true);
		this.messaging.convertAndSendToUser(user.getName(), queue, payload, accessor.getMessageHeaders());
	}

	static String ackId(Message<?> request) {
		return NativeMessageHeaderAccessor.getFirstNativeHeader(ACK_ID_HEADER, request.getHeaders());
	}

}
