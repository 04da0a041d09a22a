package dev.switchboard.websocket;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Bounds what a connection may cost before it has proved itself: a STOMP connection must
 * complete its CONNECT within the connect timeout, and may send at most a few kilobytes
 * before; a {@code /raw} connection (authenticated by its handshake) may send at most as
 * much before its first complete message, and must complete a message it has begun within
 * the same time.
 *
 * <p>
 * Without this, a client could open connections that never CONNECT, each holding a partly
 * received frame of up to {@code max-message-size}, for as long as it liked.
 */
final class ConnectDeadlines {

	/** The close reason of a connection that did not finish connecting in time. */
	static final String TOO_SLOW = "no CONNECT in time";

	/** The close reason of a connection that sent too much before it was connected. */
	static final String TOO_MUCH = "too much data before CONNECT";

	private static final Log logger = LogFactory.getLog(ConnectDeadlines.class);

	/** How a connection proves itself. */
	enum Admission {

		/** By a STOMP CONNECT that the server answered with CONNECTED. */
		STOMP_CONNECT,
		/** By its first complete message. */
		FIRST_MESSAGE

	}

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler;

	private final long timeoutNanos;

	private final long maxBytes;

	ConnectDeadlines(ScheduledExecutorService scheduler, Duration timeout, long maxBytes) {
		this.scheduler = scheduler;
		this.timeoutNanos = timeout.toNanos();
		this.maxBytes = maxBytes;
	}

	/**
	 * Start the clock for a new connection.
	 */
	void opened(WebSocketSession session, Admission admission) {
		Pending entry = new Pending(session, admission);
		this.pending.put(session.getId(), entry);
		entry.deadline = this.scheduler.schedule(() -> expire(entry), this.timeoutNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Account for a message (or part of one) a connection sent.
	 * @return {@code false} if the connection was closed for it and the message must not
	 * be handled
	 */
	boolean received(WebSocketSession session, WebSocketMessage<?> message) {
		if (this.pending.isEmpty()) {
			return true;
		}
		Pending entry = this.pending.get(session.getId());
		if (entry == null) {
			return true;
		}
		entry.bytes += message.getPayloadLength();
		if (entry.bytes > this.maxBytes) {
			close(entry, CloseStatus.TOO_BIG_TO_PROCESS.withReason(TOO_MUCH));
			return false;
		}
		if (entry.admission == Admission.FIRST_MESSAGE && message.isLast()) {
			admit(session.getId());
		}
		return true;
	}

	/**
	 * The connection proved itself: stop its clock.
	 */
	void admit(String sessionId) {
		Pending entry = this.pending.remove(sessionId);
		if (entry != null && entry.deadline != null) {
			entry.deadline.cancel(false);
		}
	}

	/**
	 * Forget a connection that closed.
	 */
	void closed(String sessionId) {
		admit(sessionId);
	}

	/**
	 * How many connections have not proved themselves yet.
	 */
	int pending() {
		return this.pending.size();
	}

	private void expire(Pending entry) {
		if (this.pending.get(entry.session.getId()) != entry) {
			return;
		}
		if (entry.admission == Admission.FIRST_MESSAGE && entry.bytes == 0) {
			admit(entry.session.getId()); // an idle listener, nothing held
			return;
		}
		close(entry, CloseStatus.POLICY_VIOLATION.withReason(TOO_SLOW));
	}

	private void close(Pending entry, CloseStatus status) {
		this.pending.remove(entry.session.getId(), entry);
		if (entry.deadline != null) {
			entry.deadline.cancel(false);
		}
		logger.debug("Closing session " + entry.session.getId() + " before it connected: " + status.getReason());
		try {
			entry.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Failed to close session " + entry.session.getId(), ex);
		}
	}

	/**
	 * A connection that has not proved itself yet.
	 */
	private static final class Pending {

		final WebSocketSession session;

		final Admission admission;

		volatile ScheduledFuture<?> deadline;

		/** Bytes received so far; only the connection's reading thread adds to it. */
		volatile long bytes;

		Pending(WebSocketSession session, Admission admission) {
			this.session = session;
			this.admission = admission;
		}

	}

}
