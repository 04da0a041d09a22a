package dev.switchboard.websocket;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExcludeSelfInterceptor}.
 */
class ExcludeSelfInterceptorTests {

	private final ExcludeSelfInterceptor interceptor = new ExcludeSelfInterceptor();

	@Test
	void dropsTheCopyForTheExcludedConnection() {
		assertThat(this.interceptor.preSend(delivery("s1", ExcludeSelfInterceptor.excluding("s1")), null)).isNull();
	}

	@Test
	void stripsTheHeaderFromEveryOtherCopy() {
		Message<?> result = this.interceptor.preSend(delivery("s2", ExcludeSelfInterceptor.excluding("s1")), null);
		assertThat(result).isNotNull();
		assertThat(nativeHeaders(result)).doesNotContainKey(ExcludeSelfInterceptor.EXCLUDE_HEADER)
			.containsEntry("custom", List.of("kept"));
		assertThat(SimpMessageHeaderAccessor.getSessionId(result.getHeaders())).isEqualTo("s2");
		assertThat(result.getPayload()).isEqualTo("payload".getBytes());
	}

	@Test
	void leavesOrdinaryMessagesUntouched() {
		Message<?> message = delivery("s1", Map.of());
		assertThat(this.interceptor.preSend(message, null)).isSameAs(message);
	}

	private static Message<byte[]> delivery(String sessionId, Map<String, Object> extraNativeHeaders) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setSessionId(sessionId);
		accessor.setDestination("/topic/rooms.lobby");
		accessor.setNativeHeader("custom", "kept");
		extraNativeHeaders.forEach((name, value) -> accessor.setNativeHeader(name, (String) value));
		return MessageBuilder.createMessage("payload".getBytes(), accessor.getMessageHeaders());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, List<String>> nativeHeaders(Message<?> message) {
		return (Map<String, List<String>>) message.getHeaders().get(NativeMessageHeaderAccessor.NATIVE_HEADERS);
	}

}
