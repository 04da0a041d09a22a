package dev.switchboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.switchboard.websocket.WebSocketProperties;
import dev.switchboard.support.StubWebSocketSession;
import dev.switchboard.websocket.WebSocketConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoginConnections}: connections of a login that ended are closed, with
 * stub connections, a set of live login sessions and a clock the test moves.
 */
class LoginConnectionsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private final WebSocketConnections connections = new WebSocketConnections(
			new WebSocketProperties(List.of(), Duration.ofSeconds(10), Duration.ofSeconds(10), DataSize.ofKilobytes(64),
					DataSize.ofKilobytes(512), Duration.ofSeconds(10), List.of(), DataSize.ofKilobytes(1), false,
					Duration.ofMinutes(1), DataSize.ofKilobytes(8)));

	private final WebSocketHandler handler = this.connections.decorate(new AbstractWebSocketHandler() {
	});

	private final Set<String> liveSessions = ConcurrentHashMap.newKeySet();

	private final MovableClock clock = new MovableClock();

	private final LoginConnections logins = new LoginConnections(this.connections,
			(ids, now) -> ids.stream().filter(this.liveSessions::contains).collect(Collectors.toSet()),
			Duration.ofSeconds(1), Duration.ofSeconds(5), this.clock);

	@AfterEach
	void destroy() {
		this.connections.destroy();
	}

	@Test
	void loggingOutClosesEveryConnectionOfThatHttpSessionAndNoOther() throws Exception {
		StubWebSocketSession firstTab = openWithSession("a", "http-1");
		StubWebSocketSession secondTab = openWithSession("b", "http-1");
		StubWebSocketSession otherBrowser = openWithSession("c", "http-2");
		StubWebSocketSession program = openWithToken("d", NOW.plusSeconds(3600));

		assertThat(this.logins.loggedOut("http-1", "alice")).isEqualTo(2);

		assertThat(firstTab.closeStatus()).isEqualTo(new CloseStatus(4401, "session ended: logged out"));
		assertThat(secondTab.closeStatus()).isEqualTo(firstTab.closeStatus());
		assertThat(otherBrowser.closeStatus()).isNull();
		assertThat(program.closeStatus()).isNull();
	}

	@Test
	void aTokenConnectionIsClosedWhenItsTokenExpires() throws Exception {
		StubWebSocketSession program = openWithToken("a", NOW.plusSeconds(60));
		StubWebSocketSession later = openWithToken("b", NOW.plusSeconds(120));
		StubWebSocketSession page = openWithSession("c", "http-1");

		this.logins.checkTokens();
		assertThat(program.closeStatus()).isNull();

		this.clock.now = NOW.plusSeconds(60);
		this.logins.checkTokens();
		assertThat(program.closeStatus()).isEqualTo(new CloseStatus(4402, "token expired"));
		assertThat(later.closeStatus()).isNull();
		assertThat(page.closeStatus()).isNull();
	}

	@Test
	void aSessionConnectionIsClosedOnceItsHttpSessionIsGoneFromTheStore() throws Exception {
		this.liveSessions.addAll(Set.of("http-1", "http-2"));
		StubWebSocketSession kept = openWithSession("a", "http-1");
		StubWebSocketSession ended = openWithSession("b", "http-2");
		StubWebSocketSession program = openWithToken("c", NOW.plusSeconds(3600));

		this.logins.checkSessions();
		assertThat(ended.closeStatus()).isNull();

		this.liveSessions.remove("http-2"); // expired, or logged out on another instance
		this.logins.checkSessions();

		assertThat(ended.closeStatus()).isEqualTo(new CloseStatus(4401, "session ended"));
		assertThat(kept.closeStatus()).isNull();
		assertThat(program.closeStatus()).isNull();
	}

	private StubWebSocketSession openWithSession(String id, String httpSessionId) throws Exception {
		StubWebSocketSession session = new StubWebSocketSession(id, () -> "alice");
		ConnectionLogin.recordSession(session.getAttributes(), httpSessionId);
		this.handler.afterConnectionEstablished(session);
		return session;
	}

	private StubWebSocketSession openWithToken(String id, Instant expiresAt) throws Exception {
		StubWebSocketSession session = new StubWebSocketSession(id, () -> "bob");
		Jwt jwt = Jwt.withTokenValue("t-" + id)
			.header("alg", "HS256")
			.subject("bob")
			.issuedAt(NOW.minusSeconds(1))
			.expiresAt(expiresAt)
			.build();
		ConnectionLogin.recordToken(session.getAttributes(), new JwtAuthenticationToken(jwt));
		this.handler.afterConnectionEstablished(session);
		return session;
	}

	private static final class MovableClock extends Clock {

		volatile Instant now = NOW;

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
