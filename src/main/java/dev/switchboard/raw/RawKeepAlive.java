package dev.switchboard.raw;

import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;

/**
 * Pings {@code /raw} connections that have been silent for a ping interval, and closes
 * (1001, "no pong") those that sent nothing, not even the pong, for an interval after the
 * ping: a peer that vanished or stopped reading is found out even when nothing is written
 * to it. Browsers answer pings by themselves.
 *
 * <p>
 * Pings are written on threads of their own: a ping waits for the frame being written
 * before it, which a stalled peer may hold up.
 */
@Component
class RawKeepAlive implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(RawKeepAlive.class);

	static final CloseStatus NO_PONG = CloseStatus.GOING_AWAY.withReason("no pong");

	private final RawSessions sessions;

	private final long intervalNanos;

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "raw-keepalive");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean running;

	RawKeepAlive(RawSessions sessions, RawProperties properties) {
		this.sessions = sessions;
		this.intervalNanos = properties.pingInterval().toNanos();
	}

	/**
	 * Ping or close each connection as its silence requires.
	 */
	void check(long now) {
		for (RawSession session : this.sessions.all()) {
			if (session.awaitingPong()) {
				if (now - session.pingSent() >= this.intervalNanos) {
					logger.info("Closing raw session " + session.id() + ": no pong");
					this.sessions.close(session, NO_PONG);
				}
			}
			else if (now - session.lastReceived() >= this.intervalNanos && !session.isClosing()) {
				session.pinging(now);
				this.scheduler.execute(() -> session.write(new PingMessage(ByteBuffer.allocate(0))));
			}
		}
	}

	@Override
	public void start() {
		if (this.intervalNanos > 0) {
			long period = Math.max(1, this.intervalNanos / 2);
			this.scheduler.scheduleAtFixedRate(() -> check(System.nanoTime()), period, period, TimeUnit.NANOSECONDS);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
