package dev.switchboard.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.support.StubWebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.messaging.SessionConnectedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the bounds on connections that have not finished connecting (see
 * {@link ConnectDeadlines}), through {@link WebSocketConnections} with stub sessions.
 */
class ConnectDeadlinesTests {

	private final WebSocketConnections connections = new WebSocketConnections(
			new WebSocketProperties(List.of(), Duration.ofSeconds(10), Duration.ofSeconds(10), DataSize.ofKilobytes(64),
					DataSize.ofKilobytes(512), Duration.ofSeconds(10), List.of(), DataSize.ofKilobytes(1), false,
					Duration.ofMillis(200), DataSize.ofKilobytes(1)));

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private final WebSocketHandler inner = new AbstractWebSocketHandler() {
		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			ConnectDeadlinesTests.this.handled.add(session.getId() + ": " + message.getPayload());
		}

		@Override
		public boolean supportsPartialMessages() {
			return true;
		}
	};

	private final WebSocketHandler stomp = this.connections.decorate(this.inner);

	private final WebSocketHandler plain = this.connections.decoratePlain(this.inner);

	@AfterEach
	void destroy() {
		this.connections.destroy();
	}

	@Test
	void aStompConnectionThatNeverConnectsIsClosedAfterTheTimeout() throws Exception {
		StubWebSocketSession silent = open(this.stomp, "silent");
		this.stomp.handleMessage(silent, new TextMessage("SEND\ndestination:/app/x\n\npartial", false));

		await().atMost(Duration.ofSeconds(5)).until(() -> silent.closeStatus() != null);
		assertThat(silent.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.withReason(ConnectDeadlines.TOO_SLOW));
		assertThat(this.connections.connecting()).isZero();
	}

	@Test
	void aConnectionThatSendsTooMuchBeforeConnectIsClosedAndTheRestIsNotHandled() throws Exception {
		StubWebSocketSession flooder = open(this.stomp, "flooder");
		this.stomp.handleMessage(flooder, new TextMessage("x".repeat(600), false));
		this.stomp.handleMessage(flooder, new TextMessage("y".repeat(600), false));

		assertThat(flooder.closeStatus())
			.isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.withReason(ConnectDeadlines.TOO_MUCH));
		assertThat(this.handled).containsExactly("flooder: " + "x".repeat(600));
	}

	@Test
	void aConnectedStompConnectionIsNoLongerBounded() throws Exception {
		StubWebSocketSession client = open(this.stomp, "client");
		this.connections.connected(connectedEvent("client"));

		assertThat(this.connections.connecting()).isZero();
		this.stomp.handleMessage(client, new TextMessage("z".repeat(2000), false));
		assertThat(client.closeStatus()).isNull();
		assertThat(this.handled).hasSize(1);
	}

	@Test
	void aPlainConnectionIsAdmittedByItsFirstCompleteMessage() throws Exception {
		StubWebSocketSession client = open(this.plain, "raw");
		this.plain.handleMessage(client, new TextMessage("{\"type\":\"join\",\"room\":\"lobby\"}"));

		assertThat(this.connections.connecting()).isZero();
		assertThat(client.closeStatus()).isNull();
	}

	@Test
	void aPlainConnectionThatLeavesItsFirstMessageUnfinishedIsClosed() throws Exception {
		StubWebSocketSession client = open(this.plain, "raw");
		this.plain.handleMessage(client, new TextMessage("{\"type\":", false));

		await().atMost(Duration.ofSeconds(5)).until(() -> client.closeStatus() != null);
		assertThat(client.closeStatus().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
	}

	@Test
	void anIdlePlainConnectionStaysOpen() throws Exception {
		StubWebSocketSession listener = open(this.plain, "listener");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.connections.connecting() == 0);
		assertThat(listener.closeStatus()).isNull();
	}

	private static StubWebSocketSession open(WebSocketHandler handler, String id) throws Exception {
		StubWebSocketSession session = new StubWebSocketSession(id, () -> "user-" + id);
		handler.afterConnectionEstablished(session);
		return session;
	}

	private static SessionConnectedEvent connectedEvent(String sessionId) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.CONNECTED);
		accessor.setSessionId(sessionId);
		return new SessionConnectedEvent(ConnectDeadlinesTests.class,
				MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders()));
	}

}
