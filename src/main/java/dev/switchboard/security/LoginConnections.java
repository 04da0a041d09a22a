package dev.switchboard.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.switchboard.websocket.WebSocketConnections;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Closes the WebSocket connections (of {@code /ws} and {@code /raw}) whose login has
 * ended: at once those of an HTTP session that logs out here (as a
 * {@link LogoutHandler}); every {@code switchboard.auth.session-check-interval} those
 * whose HTTP session is gone from the shared session store, because it expired or logged
 * out on another instance (close code {@value #SESSION_ENDED}); and every
 * {@code switchboard.auth.connection-check-interval} those whose access token expired
 * (close code {@value #TOKEN_EXPIRED}).
 */
@Component
public class LoginConnections implements LogoutHandler, InitializingBean, DisposableBean {

	/** The close code of a connection whose login session ended: log in again. */
	public static final int SESSION_ENDED = 4401;

	/** The close code of a connection whose access token expired: get a new token. */
	public static final int TOKEN_EXPIRED = 4402;

	static final CloseStatus LOGGED_OUT = new CloseStatus(SESSION_ENDED, "session ended: logged out");

	static final CloseStatus SESSION_GONE = new CloseStatus(SESSION_ENDED, "session ended");

	static final CloseStatus TOKEN_EXPIRED_STATUS = new CloseStatus(TOKEN_EXPIRED, "token expired");

	private static final Log logger = LogFactory.getLog(LoginConnections.class);

	private final WebSocketConnections connections;

	private final LoginSessions sessions;

	private final Duration tokenCheckInterval;

	private final Duration sessionCheckInterval;

	private final Clock clock;

	private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "login-expiry");
		thread.setDaemon(true);
		return thread;
	});

	@Autowired
	LoginConnections(WebSocketConnections connections, LoginSessions sessions, TokenProperties properties) {
		this(connections, sessions, properties.connectionCheckInterval(), properties.sessionCheckInterval(),
				Clock.systemUTC());
	}

	LoginConnections(WebSocketConnections connections, LoginSessions sessions, Duration tokenCheckInterval,
			Duration sessionCheckInterval, Clock clock) {
		this.connections = connections;
		this.sessions = sessions;
		this.tokenCheckInterval = tokenCheckInterval;
		this.sessionCheckInterval = sessionCheckInterval;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		schedule(this::checkTokens, this.tokenCheckInterval);
		schedule(this::checkSessions, this.sessionCheckInterval);
	}

	private void schedule(Runnable check, Duration interval) {
		long period = interval.toMillis();
		this.checker.scheduleWithFixedDelay(() -> {
			try {
				check.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to check the logins of WebSocket connections", ex);
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			loggedOut(session.getId(), (authentication != null) ? authentication.getName() : "?");
		}
	}

	/**
	 * Close every connection of an HTTP session that logged out.
	 * @return how many were closed
	 */
	public int loggedOut(String httpSessionId, String user) {
		int closed = close(this.connections.find((connection) -> httpSessionId.equals(httpSessionId(connection))),
				LOGGED_OUT);
		if (closed > 0) {
			logger.info("Closed " + closed + " WebSocket connections of " + user + ", who logged out");
		}
		return closed;
	}

	/**
	 * Close the connections whose access token has expired.
	 */
	void checkTokens() {
		Instant now = this.clock.instant();
		int closed = close(this.connections.find((connection) -> {
			ConnectionLogin login = ConnectionLogin.of(connection);
			return login != null && login.tokenExpired(now);
		}), TOKEN_EXPIRED_STATUS);
		if (closed > 0) {
			logger.info("Closed " + closed + " WebSocket connections whose access token expired");
		}
	}

	/**
	 * Close the connections whose HTTP session is gone (expired, or logged out
	 * elsewhere).
	 */
	void checkSessions() {
		List<WebSocketSession> withSession = this.connections.find((connection) -> httpSessionId(connection) != null);
		if (withSession.isEmpty()) {
			return;
		}
		Set<String> ids = new HashSet<>();
		withSession.forEach((connection) -> ids.add(httpSessionId(connection)));
		Set<String> live = this.sessions.live(ids, this.clock.millis());
		int closed = close(
				withSession.stream().filter((connection) -> !live.contains(httpSessionId(connection))).toList(),
				SESSION_GONE);
		if (closed > 0) {
			logger.info("Closed " + closed + " WebSocket connections whose login session ended");
		}
	}

	private static int close(List<WebSocketSession> connections, CloseStatus status) {
		int closed = 0;
		for (WebSocketSession connection : connections) {
			try {
				connection.close(status);
				closed++;
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Failed to close WebSocket session " + connection.getId(), ex);
			}
		}
		return closed;
	}

	private static @Nullable String httpSessionId(WebSocketSession connection) {
		ConnectionLogin login = ConnectionLogin.of(connection);
		return (login != null) ? login.httpSessionId() : null;
	}

	@Override
	public void destroy() {
		this.checker.shutdownNow();
	}

}
