package dev.switchboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.switchboard.system.WebSocketConnections;
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
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Closes the WebSocket connections (of {@code /ws} and {@code /raw}) whose login has
 * ended: at once those of an HTTP session that logs out (as a {@link LogoutHandler}),
 * and, checked every {@code switchboard.auth.connection-check-interval}, those whose HTTP
 * session expired (close code {@value #SESSION_ENDED}) or whose access token expired
 * (close code {@value #TOKEN_EXPIRED}).
 *
 * <p>
 * An HTTP session is looked up in the session repository only when it would have expired
 * if not used since it was last seen, so most checks touch no database.
 */
@Component
public class LoginConnections implements LogoutHandler, InitializingBean, DisposableBean {

	/** The close code of a connection whose login session ended: log in again. */
	public static final int SESSION_ENDED = 4401;

	/** The close code of a connection whose access token expired: get a new token. */
	public static final int TOKEN_EXPIRED = 4402;

	static final CloseStatus LOGGED_OUT = new CloseStatus(SESSION_ENDED, "session ended: logged out");

	static final CloseStatus SESSION_EXPIRED = new CloseStatus(SESSION_ENDED, "session ended: expired");

	static final CloseStatus TOKEN_EXPIRED_STATUS = new CloseStatus(TOKEN_EXPIRED, "token expired");

	private static final Log logger = LogFactory.getLog(LoginConnections.class);

	private final WebSocketConnections connections;

	private final SessionRepository<? extends Session> sessions;

	private final Duration checkInterval;

	private final Clock clock;

	private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "login-expiry");
		thread.setDaemon(true);
		return thread;
	});

	@Autowired
	LoginConnections(WebSocketConnections connections, SessionRepository<? extends Session> sessions,
			TokenProperties properties) {
		this(connections, sessions, properties.connectionCheckInterval(), Clock.systemUTC());
	}

	LoginConnections(WebSocketConnections connections, SessionRepository<? extends Session> sessions,
			Duration checkInterval, Clock clock) {
		this.connections = connections;
		this.sessions = sessions;
		this.checkInterval = checkInterval;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		long period = this.checkInterval.toMillis();
		this.checker.scheduleWithFixedDelay(this::checkSafely, period, period, TimeUnit.MILLISECONDS);
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
		int closed = this.connections.close((connection) -> {
			ConnectionLogin login = ConnectionLogin.of(connection);
			return login != null && httpSessionId.equals(login.httpSessionId());
		}, LOGGED_OUT);
		if (closed > 0) {
			logger.info("Closed " + closed + " WebSocket connections of " + user + ", who logged out");
		}
		return closed;
	}

	/**
	 * Close the connections whose token or HTTP session has expired.
	 */
	void check() {
		Instant now = this.clock.instant();
		int tokens = this.connections.close((connection) -> {
			ConnectionLogin login = ConnectionLogin.of(connection);
			return login != null && login.tokenExpired(now);
		}, TOKEN_EXPIRED_STATUS);
		Map<String, Long> expiries = new HashMap<>();
		int sessions = this.connections.close((connection) -> sessionExpired(connection, now.toEpochMilli(), expiries),
				SESSION_EXPIRED);
		if (tokens + sessions > 0) {
			logger.info("Closed " + tokens + " WebSocket connections whose token expired, " + sessions
					+ " whose login session expired");
		}
	}

	private boolean sessionExpired(WebSocketSession connection, long now, Map<String, Long> expiries) {
		ConnectionLogin login = ConnectionLogin.of(connection);
		if (login == null || !login.sessionCheckDue(now)) {
			return false;
		}
		long expiresAt = expiries.computeIfAbsent(login.httpSessionId(), this::expiresAt);
		login.checkSessionAgainAt(expiresAt);
		return expiresAt <= now;
	}

	/**
	 * When an HTTP session expires unless used again, in ms since the epoch; 0 if gone.
	 */
	private long expiresAt(String httpSessionId) {
		Session session = this.sessions.findById(httpSessionId); // null once expired
		if (session == null) {
			return 0;
		}
		Duration maxInactive = session.getMaxInactiveInterval();
		return maxInactive.isNegative() || maxInactive.isZero() ? Long.MAX_VALUE
				: session.getLastAccessedTime().plus(maxInactive).toEpochMilli();
	}

	private void checkSafely() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to check the logins of WebSocket connections", ex);
		}
	}

	@Override
	public void destroy() {
		this.checker.shutdownNow();
	}

}
