package dev.switchboard.raw;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import dev.switchboard.support.StubWebSocketSession;
import dev.switchboard.system.StompErrorHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionConnectedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RawOutbound}, {@link RawEvents} and {@link RawBinaryFilter} with
 * hand-built messages on a capturing client outbound channel.
 */
class RawOutboundTests {

	private final CapturingChannel outbound = new CapturingChannel();

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private final RawSessions sessions = new RawSessions(
			new StaticListableBeanFactory(Map.of("clientInboundChannel", new ExecutorSubscribableChannel()))
				.getBeanProvider(MessageChannel.class),
			this.published::add);

	private final JsonMapper json = JsonMapper.builder().build();

	private final StubWebSocketSession session = new StubWebSocketSession("raw-1", StompMessages.user("alice"));

	@BeforeEach
	void setUp() {
		this.outbound.addInterceptor(new RawBinaryFilter(this.sessions));
		new RawOutbound(this.sessions, new RawEvents(this.json), this.published::add, this.outbound)
			.afterSingletonsInstantiated();
		this.sessions.open(this.session);
	}

	@AfterEach
	void tearDown() {
		this.sessions.destroy();
	}

	@Test
	void roomEventsAreWrittenAsTheyAre() {
		String event = "{\"type\":\"message\",\"room\":\"lobby\",\"seq\":7,\"text\":\"<b>hi</b>\"}";
		send(message("raw-1", "/topic/rooms.lobby", event));
		assertThat(this.session.texts()).containsExactly(event);
	}

	@Test
	void acknowledgementsErrorsAndMemberListsAreWrappedWithTheirType() {
		send(message("raw-1", "/user/queue/acks", "{\"ackId\":\"a1\",\"ok\":true,\"type\":\"direct\",\"id\":\"d\"}"));
		send(message("raw-1", "/user/queue/errors", "{\"code\":\"forbidden\",\"message\":\"no\"}"));
		send(message("raw-1", "/app/rooms/lobby/members", "{\"room\":\"lobby\",\"users\":[\"alice\"]}"));
		assertThat(this.session.texts()).containsExactly("{\"type\":\"ack\",\"ackId\":\"a1\",\"ok\":true,\"id\":\"d\"}",
				"{\"type\":\"error\",\"code\":\"forbidden\",\"message\":\"no\"}",
				"{\"type\":\"members\",\"room\":\"lobby\",\"users\":[\"alice\"]}");
	}

	@Test
	void theBrokersConnectAckMakesTheSessionKnownAndTheClientReady() {
		SimpMessageHeaderAccessor connectAck = SimpMessageHeaderAccessor.create(SimpMessageType.CONNECT_ACK);
		connectAck.setSessionId("raw-1");
		send(MessageBuilder.createMessage(new byte[0], connectAck.getMessageHeaders()));

		assertThat(this.published).singleElement()
			.isInstanceOfSatisfying(SessionConnectedEvent.class,
					(event) -> assertThat(event.getUser().getName()).isEqualTo("alice"));
		assertThat(this.session.texts()).containsExactly("{\"type\":\"connected\",\"user\":\"alice\"}");
	}

	@Test
	void aRefusedFrameBecomesAnErrorAndClosesWithPolicyViolation() {
		errors().refuse(
				StompMessages.frame(StompCommand.SUBSCRIBE).session("raw-1").destination("/topic/rooms.secret").build(),
				new AccessDeniedException("You may not subscribe to /topic/rooms.secret"));

		assertThat(this.session.texts()).singleElement()
			.satisfies((error) -> assertThat(error).startsWith("{\"type\":\"error\",\"code\":\"forbidden\""));
		await().until(() -> CloseStatus.POLICY_VIOLATION.equals(this.session.closeStatus()));
	}

	@Test
	void aServerFailureClosesWith1011() {
		errors().refuse(StompMessages.frame(StompCommand.SEND).session("raw-1").build(),
				new IllegalStateException("boom"));
		await().until(() -> CloseStatus.SERVER_ERROR.equals(this.session.closeStatus()));
	}

	@Test
	void binaryRelaysAreWrittenAsBinaryToRawConnectionsOnly() {
		send(binary("raw-1"));
		assertThat(this.session.sent()).singleElement()
			.isInstanceOfSatisfying(BinaryMessage.class,
					(message) -> assertThat(message.getPayload().array()).containsExactly(1, 2, 3));

		Message<?> toStomp = binary("stomp-1");
		send(toStomp);
		assertThat(this.outbound.messages()).as("dropped before any handler saw it").doesNotContain(toStomp);
	}

	@Test
	void messagesForOtherSessionsAreLeftAlone() {
		send(message("stomp-1", "/topic/rooms.lobby", "{\"type\":\"typing\"}"));
		assertThat(this.session.sent()).isEmpty();
	}

	private StompErrorHandler errors() {
		return new StompErrorHandler(this.json, this.outbound);
	}

	private void send(Message<?> message) {
		this.outbound.send(message);
	}

	private static Message<byte[]> message(String sessionId, String subscription, String json) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setSessionId(sessionId);
		accessor.setSubscriptionId(subscription);
		accessor.setDestination(subscription);
		return MessageBuilder.createMessage(json.getBytes(StandardCharsets.UTF_8), accessor.getMessageHeaders());
	}

	private static Message<byte[]> binary(String sessionId) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setSessionId(sessionId);
		accessor.setSubscriptionId("/topic/rooms.lobby");
		accessor.setNativeHeader(BinaryRelay.BINARY_HEADER, "true");
		return MessageBuilder.createMessage(new byte[] { 1, 2, 3 }, accessor.getMessageHeaders());
	}

}
