package dev.switchboard.raw;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.support.StompMessages;
import dev.switchboard.support.StubWebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.PingMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RawKeepAlive}, checking connections at chosen moments.
 */
class RawKeepAliveTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final RawSessions sessions = new RawSessions(
			new StaticListableBeanFactory(Map.of("clientInboundChannel", new ExecutorSubscribableChannel()))
				.getBeanProvider(MessageChannel.class),
			(event) -> {
			});

	private final RawKeepAlive keepAlive = new RawKeepAlive(this.sessions,
			new RawProperties(DataSize.ofKilobytes(64), Duration.ofSeconds(1)));

	private final StubWebSocketSession webSocket = new StubWebSocketSession("s-1", StompMessages.user("alice"));

	private final RawSession session = this.sessions.open(this.webSocket);

	@AfterEach
	void tearDown() {
		this.keepAlive.destroy();
		this.sessions.destroy();
	}

	@Test
	void aConnectionHeardFromWithinTheIntervalIsLeftAlone() {
		this.keepAlive.check(this.session.lastReceived() + SECOND - 1);
		assertThat(this.session.awaitingPong()).isFalse();
		assertThat(this.webSocket.sent()).isEmpty();
	}

	@Test
	void aSilentConnectionIsPingedAndStaysOpenOnceItAnswers() {
		long silent = this.session.lastReceived() + SECOND;
		this.keepAlive.check(silent);
		await().until(() -> this.webSocket.sent().stream().anyMatch(PingMessage.class::isInstance));

		this.session.received();
		this.keepAlive.check(silent + 2 * SECOND);
		assertThat(this.webSocket.closeStatus()).isNull();
	}

	@Test
	void aConnectionThatLeavesThePingUnansweredForAnIntervalIsClosed() {
		long pinged = this.session.lastReceived() + SECOND;
		this.keepAlive.check(pinged);
		this.keepAlive.check(pinged + SECOND - 1);
		assertThat(this.session.isClosing()).isFalse();

		this.keepAlive.check(pinged + SECOND);
		await().until(() -> RawKeepAlive.NO_PONG.equals(this.webSocket.closeStatus()));
	}

}
