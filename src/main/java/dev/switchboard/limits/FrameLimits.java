package dev.switchboard.limits;

import java.util.List;
import java.util.Map;

import dev.switchboard.system.ClientErrorException;
import dev.switchboard.system.StompErrorHandler;
import dev.switchboard.websocket.Pipeline;

import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Bounds the headers of every frame a client sends, first on the client inbound channel:
 * how many there are, how long each value is, and how many bytes they take together. Over
 * a limit, the connection gets an ERROR {@code bad-frame} and is closed, and nothing of
 * the frame is kept (a subscription id, say, would otherwise be stored for the life of
 * the subscription and written into every frame sent to it).
 *
 * <p>
 * A CONNECT's values (its access token, say) are bounded by the total only.
 */
@Component
@Order(Pipeline.FRAME_LIMITS)
class FrameLimits implements ChannelInterceptor, WebSocketMessageBrokerConfigurer {

	private final StompErrorHandler errors;

	private final int maxHeaders;

	private final int maxHeaderLength;

	private final long maxHeaderBytes;

	FrameLimits(LimitsProperties limits, StompErrorHandler errors) {
		this.errors = errors;
		this.maxHeaders = limits.maxHeaders();
		this.maxHeaderLength = limits.maxHeaderLength();
		this.maxHeaderBytes = limits.maxHeaderBytes().toBytes();
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this);
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		@SuppressWarnings("unchecked")
		Map<String, List<String>> headers = (Map<String, List<String>>) message.getHeaders()
			.get(NativeMessageHeaderAccessor.NATIVE_HEADERS);
		if (headers == null || headers.isEmpty()) {
			return message;
		}
		boolean connect = SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.CONNECT;
		String problem = check(headers, connect);
		if (problem == null) {
			return message;
		}
		this.errors.refuse(withoutHeaders(message), new ClientErrorException("bad-frame", problem));
		return null;
	}

	private String check(Map<String, List<String>> headers, boolean connect) {
		int count = 0;
		long bytes = 0;
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			for (String value : header.getValue()) {
				count++;
				long length = utf8Length(value);
				bytes += utf8Length(header.getKey()) + length + 2;
				if (!connect && length > this.maxHeaderLength) {
					return "Header '" + shorten(header.getKey()) + "' is longer than " + this.maxHeaderLength
							+ " bytes";
				}
			}
		}
		if (count > this.maxHeaders) {
			return "More than " + this.maxHeaders + " headers";
		}
		if (bytes > this.maxHeaderBytes) {
			return "Headers longer than " + this.maxHeaderBytes + " bytes in all";
		}
		return null;
	}

	/**
	 * The refused frame without its headers, so that the ERROR frame echoes none of them
	 * (STOMP's ERROR repeats a {@code receipt}).
	 */
	private static Message<byte[]> withoutHeaders(Message<?> message) {
		StompCommand command = StompHeaderAccessor.wrap(message).getCommand();
		StompHeaderAccessor accessor = StompHeaderAccessor.create((command != null) ? command : StompCommand.SEND);
		accessor.setSessionId(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()));
		accessor.setSessionAttributes(SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders()));
		accessor.setUser(SimpMessageHeaderAccessor.getUser(message.getHeaders()));
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

	private static String shorten(String name) {
		return (name.length() <= 32) ? name : name.substring(0, 32) + "…";
	}

	private static long utf8Length(String value) {
		long length = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			length += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
		}
		return length;
	}

}
