package dev.switchboard.websocket;

import java.time.Duration;
import java.util.List;

import dev.switchboard.support.StubWebSocketSession;
import dev.switchboard.websocket.WebSocketProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketConnections} shutting down, with stub sessions.
 */
class WebSocketConnectionsTests {

	private static final CloseStatus RESTART = CloseStatus.SERVICE_RESTARTED.withReason("test");

	private final WebSocketConnections connections = new WebSocketConnections(
			new WebSocketProperties(List.of(), Duration.ofSeconds(10), Duration.ofSeconds(10), DataSize.ofKilobytes(64),
					DataSize.ofKilobytes(512), Duration.ofSeconds(10), List.of(), DataSize.ofKilobytes(1), false,
					Duration.ofSeconds(10), DataSize.ofKilobytes(8)));

	private final WebSocketHandler handler = this.connections.decorate(new AbstractWebSocketHandler() {
	});

	@AfterEach
	void destroy() {
		this.connections.destroy();
	}

	@Test
	void shutDownClosesEveryOpenConnectionWithTheStatus() throws Exception {
		StubWebSocketSession alice = open("a");
		StubWebSocketSession bob = open("b");

		assertThat(this.connections.shutDown(RESTART, Duration.ofSeconds(1))).isEqualTo(2);

		assertThat(alice.closeStatus()).isEqualTo(RESTART);
		assertThat(bob.closeStatus()).isEqualTo(RESTART);
	}

	@Test
	void connectionThatOpensDuringShutdownIsClosedAtOnce() throws Exception {
		this.connections.shutDown(RESTART, Duration.ofSeconds(1));

		assertThat(open("late").closeStatus()).isEqualTo(RESTART);
	}

	@Test
	void connectionsStayOpenAgainAfterReopen() throws Exception {
		this.connections.shutDown(RESTART, Duration.ofSeconds(1));
		this.connections.reopen();

		assertThat(open("new").closeStatus()).isNull();
		assertThat(this.connections.count()).isEqualTo(1);
	}

	private StubWebSocketSession open(String id) throws Exception {
		StubWebSocketSession session = new StubWebSocketSession(id, () -> "user-" + id);
		this.handler.afterConnectionEstablished(session);
		return session;
	}

}
