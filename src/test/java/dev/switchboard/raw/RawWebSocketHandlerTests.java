package dev.switchboard.raw;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import dev.switchboard.support.StubWebSocketSession;
import dev.switchboard.websocket.WebSocketProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RawWebSocketHandler} with a stub session: what a connection sends
 * reaches the client inbound channel as STOMP frames, in order, within the size limits.
 */
class RawWebSocketHandlerTests {

	private final CapturingChannel inbound = new CapturingChannel();

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private final JsonMapper json = JsonMapper.builder().build();

	private final RawSessions sessions = new RawSessions(
			new StaticListableBeanFactory(Map.of("clientInboundChannel", this.inbound))
				.getBeanProvider(MessageChannel.class),
			this.published::add);

	private final RawWebSocketHandler handler = new RawWebSocketHandler(this.sessions, new RawCommands(this.json),
			new RawEvents(this.json), this.json,
			new WebSocketProperties(List.of(), Duration.ZERO, Duration.ZERO, DataSize.ofBytes(100),
					DataSize.ofKilobytes(512), Duration.ofSeconds(10), List.of(), DataSize.ofKilobytes(1), false,
					Duration.ofSeconds(10), DataSize.ofKilobytes(8)),
			new RawProperties(DataSize.ofBytes(10), Duration.ofSeconds(25)));

	private final StubWebSocketSession session = new StubWebSocketSession("s-1", StompMessages.user("alice"));

	RawWebSocketHandlerTests() {
		// A connection's next frame goes in once every handler has handled the one
		// before.
		OrderedMessageChannelDecorator.configureInterceptor(this.inbound, true);
		this.inbound.subscribe((message) -> {
		});
	}

	@AfterEach
	void tearDown() throws Exception {
		this.sessions.destroy();
	}

	@Test
	void aNewConnectionConnectsAndSubscribesToItsPersonalQueues() throws Exception {
		this.handler.afterConnectionEstablished(this.session);

		assertThat(commands()).containsExactly(StompCommand.CONNECT, StompCommand.SUBSCRIBE, StompCommand.SUBSCRIBE,
				StompCommand.SUBSCRIBE, StompCommand.SUBSCRIBE);
		assertThat(this.published).hasSize(5).first().isInstanceOf(SessionConnectEvent.class);
		assertThat(this.published.subList(1, 5)).allMatch(SessionSubscribeEvent.class::isInstance);
	}

	@Test
	void sessionEventsSeeTheFramesAsSentNotAsThePipelineChangesThemLater() throws Exception {
		// The pipeline's interceptors may change a frame's headers on another thread
		// while the events are published.
		this.inbound.addInterceptor(new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				MessageHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message,
						MessageHeaderAccessor.class);
				if (accessor != null && accessor.isMutable()) {
					accessor.setHeader("changedByThePipeline", true);
				}
				return message;
			}
		});

		this.handler.afterConnectionEstablished(this.session);

		assertThat(this.inbound.messages()).allMatch((frame) -> frame.getHeaders().containsKey("changedByThePipeline"));
		assertThat(this.published).hasSize(5)
			.allSatisfy((event) -> assertThat(((AbstractSubProtocolEvent) event).getMessage().getHeaders())
				.doesNotContainKey("changedByThePipeline"));
	}

	@Test
	void aCommandInPartsIsJoinedBeforeItIsSent() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.inbound.clear();

		this.handler.handleMessage(this.session, new TextMessage("{\"type\":\"send\",\"room\":", false));
		assertThat(this.inbound.messages()).isEmpty();
		this.handler.handleMessage(this.session, new TextMessage("\"lobby\",\"text\":\"hi\"}", true));

		assertThat(StompHeaderAccessor.wrap(this.inbound.single()).getDestination())
			.isEqualTo("/app/rooms/lobby/messages");
	}

	@Test
	void notJsonIsAnsweredWithAnErrorAndTheConnectionStaysOpen() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.inbound.clear();

		this.handler.handleMessage(this.session, new TextMessage("hello?"));

		assertThat(this.inbound.messages()).isEmpty();
		assertThat(this.session.texts()).singleElement()
			.satisfies((error) -> assertThat(error).startsWith("{\"type\":\"error\",\"code\":\"bad-request\""));
		assertThat(this.session.closeStatus()).isNull();
	}

	@Test
	void failedCommandWithAnAckIdIsAlsoAcknowledgedNegatively() throws Exception {
		this.handler.afterConnectionEstablished(this.session);

		this.handler.handleMessage(this.session,
				new TextMessage("{\"type\":\"send\",\"room\":\"No Room\",\"text\":\"hi\",\"ackId\":\"a1\"}"));

		assertThat(this.session.texts()).hasSize(2);
		assertThat(this.session.texts().get(0)).contains("\"code\":\"invalid-room\"").contains("\"ackId\":\"a1\"");
		assertThat(this.session.texts().get(1)).startsWith("{\"type\":\"ack\",\"ackId\":\"a1\",\"ok\":false");
	}

	@Test
	void aTextMessageOverTheLimitClosesTheConnectionWith1009() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.inbound.clear();

		this.handler.handleMessage(this.session,
				new TextMessage("{\"type\":\"send\",\"text\":\"" + "x".repeat(60), false));
		this.handler.handleMessage(this.session, new TextMessage("x".repeat(60) + "\"}", true));

		assertThat(this.inbound.messages()).isEmpty();
		assertThat(this.session.texts()).singleElement().satisfies((error) -> assertThat(error).contains("too-large"));
		await().until(() -> CloseStatus.TOO_BIG_TO_PROCESS.equalsCode(this.session.closeStatus()));
	}

	@Test
	void binaryMessagesGoToTheRoomsBinaryDestinationWithinTheirOwnLimit() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.inbound.clear();

		this.handler.handleMessage(this.session, binary("lobby\n", false));
		this.handler.handleMessage(this.session, binary("abc", true));
		assertThat(StompHeaderAccessor.wrap(this.inbound.single()).getDestination())
			.isEqualTo("/app/rooms/lobby/binary");

		this.handler.handleMessage(this.session, binary("no room", true));
		assertThat(this.session.texts()).singleElement()
			.satisfies((error) -> assertThat(error).contains("bad-request"));

		this.handler.handleMessage(this.session, binary("lobby\n12345", true));
		await().until(() -> CloseStatus.TOO_BIG_TO_PROCESS.equalsCode(this.session.closeStatus()));
		assertThat(this.inbound.messages()).hasSize(1);
	}

	@Test
	void aClosedConnectionEndsItsStompSession() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.inbound.clear();
		this.published.clear();

		this.handler.afterConnectionClosed(this.session, CloseStatus.GOING_AWAY);

		assertThat(commands()).containsExactly(StompCommand.DISCONNECT);
		assertThat(this.published).singleElement()
			.isInstanceOfSatisfying(SessionDisconnectEvent.class,
					(event) -> assertThat(event.getCloseStatus()).isEqualTo(CloseStatus.GOING_AWAY));
		assertThat(this.sessions.get("s-1")).isNull();
	}

	@Test
	void aPongCountsAsBeingHeardFrom() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		RawSession raw = this.sessions.get("s-1");
		raw.pinging(System.nanoTime());

		this.handler.handleMessage(this.session, new PongMessage());

		assertThat(raw.awaitingPong()).isFalse();
	}

	@Test
	void stoppingTheServerClosesConnectionsWith1012() throws Exception {
		this.handler.afterConnectionEstablished(this.session);

		this.sessions.stop();

		assertThat(this.session.closeStatus()).isEqualTo(CloseStatus.SERVICE_RESTARTED);
	}

	private List<StompCommand> commands() {
		return this.inbound.messages()
			.stream()
			.map((message) -> StompHeaderAccessor.wrap(message).getCommand())
			.toList();
	}

	private static BinaryMessage binary(String latin1, boolean last) {
		return new BinaryMessage(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)), last);
	}

}
