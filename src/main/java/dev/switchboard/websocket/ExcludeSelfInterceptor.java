package dev.switchboard.websocket;

import java.util.List;
import java.util.Map;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Implements "broadcast to everyone except the sender" (Socket.IO's
 * {@code socket.to(room).emit}): a broadcast sent with {@link #excluding(String)} is not
 * delivered to that one connection, whichever user it belongs to.
 *
 * <p>
 * The excluded connection travels as a STOMP header, so the broker may copy it to every
 * subscriber; this interceptor on the client outbound channel drops the excluded copy and
 * strips the header from all others before they are written.
 */
@Component
public class ExcludeSelfInterceptor implements ChannelInterceptor {

	/** The STOMP header that names the connection a broadcast skips. */
	public static final String EXCLUDE_HEADER = "x-exclude-connection";

	/**
	 * Headers for {@code SimpMessageSendingOperations#convertAndSend} that exclude one
	 * connection from a broadcast.
	 * @param sessionId the WebSocket session id of the connection to skip
	 */
	public static Map<String, Object> excluding(String sessionId) {
		return Map.of(EXCLUDE_HEADER, sessionId);
	}

	/**
	 * The connection a broadcast excludes, or {@code null}.
	 */
	static String excludedSession(Message<?> message) {
		Map<String, List<String>> nativeHeaders = nativeHeaders(message);
		List<String> excluded = (nativeHeaders != null) ? nativeHeaders.get(EXCLUDE_HEADER) : null;
		return (excluded != null && !excluded.isEmpty()) ? excluded.get(0) : null;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		Map<String, List<String>> nativeHeaders = nativeHeaders(message);
		if (nativeHeaders == null || !nativeHeaders.containsKey(EXCLUDE_HEADER)) {
			return message;
		}
		String excluded = nativeHeaders.get(EXCLUDE_HEADER).get(0);
		if (excluded.equals(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()))) {
			return null;
		}
		LinkedMultiValueMap<String, String> stripped = new LinkedMultiValueMap<>(nativeHeaders);
		stripped.remove(EXCLUDE_HEADER);
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create();
		accessor.copyHeaders(message.getHeaders());
		accessor.setHeader(NativeMessageHeaderAccessor.NATIVE_HEADERS, stripped);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, List<String>> nativeHeaders(Message<?> message) {
		return (Map<String, List<String>>) message.getHeaders().get(NativeMessageHeaderAccessor.NATIVE_HEADERS);
	}

}
