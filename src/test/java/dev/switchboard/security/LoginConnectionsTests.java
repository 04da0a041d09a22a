package dev.switchboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.config.WebSocketProperties;
import dev.switchboard.support.StubWebSocketSession;
import dev.switchboard.system.WebSocketConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoginConnections}: connections of a login that ended are closed, with
 * stub sessions, an in-memory session repository and a clock the test moves.
 */
class LoginConnectionsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private final WebSocketConnections connections = new WebSocketConnections(
			new WebSocketProperties(List.of(), Duration.ofSeconds(10), Duration.ofSeconds(10), DataSize.ofKilobytes(64),
					DataSize.ofKilobytes(512), Duration.ofSeconds(10), List.of(), DataSize.ofKilobytes(1), false));

	private final WebSocketHandler handler = this.connections.decorate(new AbstractWebSocketHandler() {
	});

	private final Map<String, MapSession> httpSessions = new ConcurrentHashMap<>();

	private final MovableClock clock = new MovableClock();

	private final LoginConnections logins = new LoginConnections(this.connections, new StubSessionRepository(),
			Duration.ofSeconds(1), this.clock);

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

		this.logins.check();
		assertThat(program.closeStatus()).isNull();

		this.clock.now = NOW.plusSeconds(60);
		this.logins.check();
		assertThat(program.closeStatus()).isEqualTo(new CloseStatus(4402, "token expired"));
		assertThat(later.closeStatus()).isNull();
	}

	@Test
	void aSessionConnectionIsClosedWhenItsHttpSessionExpiredAndKeptWhileTheSessionIsUsed() throws Exception {
		MapSession used = httpSession("http-1");
		MapSession idle = httpSession("http-2");
		StubWebSocketSession active = openWithSession("a", used.getId());
		StubWebSocketSession abandoned = openWithSession("b", idle.getId());

		this.clock.now = NOW.plus(Duration.ofMinutes(20));
		used.setLastAccessedTime(NOW.plus(Duration.ofMinutes(15)));
		this.logins.check();

		assertThat(abandoned.closeStatus()).isEqualTo(new CloseStatus(4401, "session ended: expired"));
		assertThat(active.closeStatus()).isNull();

		this.clock.now = NOW.plus(Duration.ofMinutes(26));
		this.logins.check();
		assertThat(active.closeStatus()).isEqualTo(new CloseStatus(4401, "session ended: expired"));
	}

	private MapSession httpSession(String id) {
		MapSession session = new MapSession(id);
		session.setCreationTime(NOW);
		session.setLastAccessedTime(NOW);
		session.setMaxInactiveInterval(Duration.ofMinutes(10));
		this.httpSessions.put(id, session);
		return session;
	}

	private StubWebSocketSession openWithSession(String id, String httpSessionId) throws Exception {
		StubWebSocketSession session = new StubWebSocketSession(id, () -> "alice");
		ConnectionLogin.recordSession(session.getAttributes(), httpSessionId,
				NOW.plus(Duration.ofMinutes(10)).toEpochMilli());
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

	/**
	 * The HTTP sessions of the test, expired by the test's clock.
	 */
	private final class StubSessionRepository implements SessionRepository<MapSession> {

		@Override
		public MapSession createSession() {
			throw new UnsupportedOperationException();
		}

		@Override
		public void save(MapSession session) {
			throw new UnsupportedOperationException();
		}

		@Override
		public MapSession findById(String id) {
			MapSession session = LoginConnectionsTests.this.httpSessions.get(id);
			Instant now = LoginConnectionsTests.this.clock.now;
			boolean expired = session == null
					|| !session.getLastAccessedTime().plus(session.getMaxInactiveInterval()).isAfter(now);
			return expired ? null : session;
		}

		@Override
		public void deleteById(String id) {
			LoginConnectionsTests.this.httpSessions.remove(id);
		}

	}

	private static final class MovableClock extends Clock {

		volatile Instant now = NOW;

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
