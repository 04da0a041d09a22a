package dev.switchboard.websocket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Hands this server's clients over to another instance when it stops: first refuses new
 * WebSocket handshakes and event streams ({@link ConnectionGate}), then closes every
 * WebSocket connection with 1012 (service restart) once the frames already queued for it
 * are written, waiting at most {@link #DRAIN_TIME} for that. Clients reconnect, through
 * the load balancer, and recover what they missed by sequence number.
 *
 * <p>
 * It stops in the first shutdown phase ({@link SmartLifecycle#DEFAULT_PHASE}, with the
 * {@code /raw} connections and event streams): before Spring Boot's graceful shutdown of
 * the web server ({@code DEFAULT_PHASE - 1024}) and well before the STOMP handlers and
 * broker (phase 0), whose own stop would close connections with 1001 (going away).
 */
@Component
public class GracefulShutdown implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(GracefulShutdown.class);

	/** The status every connection is closed with. */
	static final CloseStatus RESTART = CloseStatus.SERVICE_RESTARTED.withReason("server shutting down; reconnect");

	/**
	 * How long frames queued for a connection may take to be written before it closes.
	 */
	static final Duration DRAIN_TIME = Duration.ofSeconds(2);

	private static final long POLL_MILLIS = 20;

	private final ConnectionGate gate;

	private final WebSocketConnections connections;

	private volatile boolean running;

	public GracefulShutdown(ConnectionGate gate, WebSocketConnections connections) {
		this.gate = gate;
		this.connections = connections;
	}

	@Override
	public void start() {
		this.gate.open();
		this.connections.reopen();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.gate.close();
		int closed = this.connections.shutDown(RESTART, DRAIN_TIME);
		int open = awaitClosed();
		logger.info("Shutting down: refusing new connections; closed " + closed
				+ " WebSocket connections with 1012 (service restart)"
				+ ((open > 0) ? ", " + open + " of them not yet closed after " + DRAIN_TIME.toMillis() + " ms" : ""));
	}

	/**
	 * Wait until every connection has closed, at most a little longer than the drain
	 * time, and return how many are still open.
	 */
	private int awaitClosed() {
		long deadline = System.nanoTime() + DRAIN_TIME.toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
		while (this.connections.count() > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return this.connections.count();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

}
