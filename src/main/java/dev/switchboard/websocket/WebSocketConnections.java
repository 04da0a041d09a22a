package dev.switchboard.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.switchboard.websocket.WebSocketProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.messaging.SessionConnectedEvent;

/**
 * The open WebSocket connections of this server: each is given a
 * {@link NonBlockingSession} so that no write ever blocks a sending thread, and all can
 * be counted and closed with a reason, for example when the server shuts down.
 *
 * <p>
 * The container may hand over a large WebSocket message in parts: the STOMP decoder joins
 * them (up to the message size limit), so the container's per-connection buffers stay
 * small whatever the frame size.
 */
@Component
public class WebSocketConnections implements WebSocketHandlerDecoratorFactory, DisposableBean {

	private static final Log logger = LogFactory.getLog(WebSocketConnections.class);

	static final String SLOW_CONSUMER = "slow consumer: send buffer full";

	private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

	private final ScheduledThreadPoolExecutor closer = new ScheduledThreadPoolExecutor(1, (task) -> {
		Thread thread = new Thread(task, "ws-closer");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicLong slowConsumerCloses = new AtomicLong();

	private final NonBlockingSession.SendLimits limits;

	/** While the server shuts down: the status that closes every connection. */
	private volatile CloseStatus shutdownStatus;

	private final ConnectDeadlines deadlines;

	public WebSocketConnections(WebSocketProperties properties) {
		this.limits = new NonBlockingSession.SendLimits(properties.sendBufferLimit().toBytes(),
				properties.sendTimeLimit().toNanos(), List.copyOf(properties.latestOnlyDestinations()));
		this.closer.setRemoveOnCancelPolicy(true);
		this.deadlines = new ConnectDeadlines(this.closer, properties.connectTimeout(),
				properties.maxBytesBeforeConnect().toBytes());
	}

	/**
	 * Decorate the handler of a STOMP endpoint, whose connections must CONNECT in time.
	 */
	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return decorate(handler, ConnectDeadlines.Admission.STOMP_CONNECT);
	}

	/**
	 * Decorate the handler of a plain WebSocket endpoint, whose connections are
	 * authenticated by their handshake and must complete a message they begin in time.
	 */
	public WebSocketHandler decoratePlain(WebSocketHandler handler) {
		return decorate(handler, ConnectDeadlines.Admission.FIRST_MESSAGE);
	}

	private WebSocketHandler decorate(WebSocketHandler handler, ConnectDeadlines.Admission admission) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				WebSocketConnections.this.deadlines.opened(session, admission);
				WebSocketSession nonBlocking = NonBlockingSession.wrap(session, WebSocketConnections.this.limits,
						WebSocketConnections.this.closer,
						WebSocketConnections.this.slowConsumerCloses::incrementAndGet);
				WebSocketConnections.this.sessions.put(session.getId(), nonBlocking);
				super.afterConnectionEstablished(nonBlocking);
				CloseStatus shutdown = WebSocketConnections.this.shutdownStatus;
				if (shutdown != null) {
					close(nonBlocking, shutdown);
				}
			}

			@Override
			public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
				if (WebSocketConnections.this.deadlines.received(session, message)) {
					super.handleMessage(session, message);
				}
			}

			@Override
			public boolean supportsPartialMessages() {
				return true;
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				WebSocketConnections.this.deadlines.closed(session.getId());
				WebSocketConnections.this.sessions.remove(session.getId());
				super.afterConnectionClosed(session, closeStatus);
			}

		};
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		String sessionId = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
		if (sessionId != null) {
			this.deadlines.admit(sessionId);
		}
	}

	/**
	 * Return how many open connections have not finished connecting.
	 */
	int connecting() {
		return this.deadlines.pending();
	}

	/**
	 * Return the number of open connections.
	 */
	public int count() {
		return this.sessions.size();
	}

	/**
	 * Return how many connections were closed because they read too slowly.
	 */
	public long slowConsumerCloses() {
		return this.slowConsumerCloses.get();
	}

	/**
	 * Return how many bytes wait to be written to a connection, 0 if it is not open.
	 */
	public long queuedBytes(String sessionId) {
		return (this.sessions.get(sessionId) instanceof NonBlockingSession session) ? session.queuedBytes() : 0;
	}

	/**
	 * How many bytes may wait for one connection before it is closed as too slow.
	 */
	public long sendBufferLimit() {
		return this.limits.bufferLimit();
	}

	/**
	 * Whether a connection has at least half its send buffer waiting to be written: a
	 * sender of bulk data (such as a catch-up) should then pause until it has drained.
	 */
	public boolean isBusy(String sessionId) {
		return queuedBytes(sessionId) > this.limits.bufferLimit() / 2;
	}

	/**
	 * Run an action once a connection is no longer {@link #isBusy busy}.
	 * @return {@code false} if the connection is not open (the action will never run)
	 */
	public boolean whenDrained(String sessionId, Runnable action) {
		WebSocketSession session = this.sessions.get(sessionId);
		if (session instanceof NonBlockingSession nonBlocking) {
			nonBlocking.whenDrained(action);
			return true;
		}
		if (session != null) {
			action.run();
			return true;
		}
		return false;
	}

	/**
	 * Close a connection that cannot keep up, as when its send buffer overflows.
	 */
	public void closeSlow(String sessionId) {
		WebSocketSession session = this.sessions.get(sessionId);
		if (session != null) {
			this.slowConsumerCloses.incrementAndGet();
			this.closer.execute(() -> close(session, CloseStatus.POLICY_VIOLATION.withReason(SLOW_CONSUMER)));
		}
	}

	/**
	 * Close the open connections of one user with the given status.
	 * @return how many connections were closed
	 */
	public int close(String user, CloseStatus status) {
		int closed = 0;
		for (WebSocketSession session : this.sessions.values()) {
			if (session.getPrincipal() != null && user.equals(session.getPrincipal().getName())) {
				closed += close(session, status);
			}
		}
		return closed;
	}

	/**
	 * Return the open connections (of either endpoint) that match, as their handlers
	 * write to them.
	 */
	public List<WebSocketSession> find(Predicate<WebSocketSession> which) {
		return this.sessions.values().stream().filter(which).toList();
	}

	/**
	 * Close every open connection with the given status; clients reconnect by themselves.
	 * @param status the close code and reason sent to each client
	 * @return how many connections were closed
	 */
	public int closeAll(CloseStatus status) {
		int closed = 0;
		for (WebSocketSession session : this.sessions.values()) {
			closed += close(session, status);
		}
		logger.info("Closed " + closed + " WebSocket connections with " + status);
		return closed;
	}

	/**
	 * Close every open connection, and every connection that opens from now on until
	 * {@link #reopen()}, with the given status: each once the frames already sent to it
	 * are written, or after the drain time if its client does not read them by then.
	 * @param status the close code and reason sent to each client
	 * @param drainTime how long queued frames may take to be written
	 * @return how many connections were asked to close
	 */
	public int shutDown(CloseStatus status, Duration drainTime) {
		this.shutdownStatus = status;
		int closed = 0;
		for (WebSocketSession session : this.sessions.values()) {
			if (session instanceof NonBlockingSession nonBlocking) {
				nonBlocking.close(status, drainTime.toNanos());
				closed++;
			}
			else {
				closed += close(session, status);
			}
		}
		return closed;
	}

	/**
	 * Let new connections stay open again after {@link #shutDown}.
	 */
	public void reopen() {
		this.shutdownStatus = null;
	}

	private static int close(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
			return 1;
		}
		catch (Exception ex) {
			logger.debug("Failed to close session " + session.getId(), ex);
			return 0;
		}
	}

	@Override
	public void destroy() {
		this.closer.shutdown();
	}

}
