package dev.switchboard.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * A WebSocket session whose sends never block the caller: frames are queued and written
 * one at a time with the container's asynchronous send. A connection that stops reading
 * is closed (1008, "slow consumer") once more than the buffer limit waits for it, or a
 * frame has waited longer than the time limit; its client then recovers what it missed.
 *
 * <p>
 * Frames for a subscription to a "latest only" destination (such as a dashboard) replace
 * the one still waiting for the same subscription: a client that falls behind skips stale
 * values instead of queueing them.
 */
class NonBlockingSession extends WebSocketSessionDecorator {

	private static final Log logger = LogFactory.getLog(NonBlockingSession.class);

	private final Session nativeSession;

	private final SendLimits limits;

	private final ScheduledExecutorService closer;

	private final Runnable onSlowClose;

	private final Queue<QueuedFrame> queue = new ConcurrentLinkedQueue<>();

	/** subscription id → its waiting frame, for latest-only destinations. */
	private final Map<String, QueuedFrame> latest = new ConcurrentHashMap<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicInteger wip = new AtomicInteger();

	private final AtomicBoolean closing = new AtomicBoolean();

	/** Actions waiting for the connection to drain: one per paused sender. */
	private final Queue<Runnable> onDrained = new ConcurrentLinkedQueue<>();

	private final SendHandler completion = this::completed;

	/** Sends text frames from their UTF-8 bytes; {@code null} if the container cannot. */
	private final TextFrames textFrames;

	private volatile boolean inFlight;

	private volatile long inFlightBytes;

	private final AtomicReference<CloseStatus> pendingClose = new AtomicReference<>();

	NonBlockingSession(StandardWebSocketSession delegate, SendLimits limits, ScheduledExecutorService closer,
			Runnable onSlowClose) {
		super(delegate);
		this.nativeSession = delegate.getNativeSession();
		this.textFrames = TextFrames.of(this.nativeSession.getAsyncRemote());
		this.limits = limits;
		this.closer = closer;
		this.onSlowClose = onSlowClose;
	}

	/**
	 * Wrap a container session, or return it unchanged if it is not a standard one.
	 */
	static WebSocketSession wrap(WebSocketSession session, SendLimits limits, ScheduledExecutorService closer,
			Runnable onSlowClose) {
		if (session instanceof StandardWebSocketSession standard && standard.getNativeSession() != null) {
			return new NonBlockingSession(standard, limits, closer, onSlowClose);
		}
		return session;
	}

	/**
	 * How many bytes wait to be written now.
	 */
	long queuedBytes() {
		return this.queuedBytes.get();
	}

	/**
	 * Run an action once no more than half the buffer limit waits to be written (at once
	 * if that is already so), on whichever thread observes it. Each action given runs
	 * once, however many wait at the same time (two catch-ups of one connection, say).
	 */
	void whenDrained(Runnable action) {
		this.onDrained.add(action);
		checkDrained();
	}

	/**
	 * Close once what was sent before has been written (an ERROR frame before the close
	 * that follows it, say), or after the send time limit if the peer does not read.
	 */
	@Override
	public void close(CloseStatus status) throws IOException {
		close(status, this.limits.timeLimitNanos());
	}

	/**
	 * Close once what was sent before has been written, or after the given time if the
	 * peer does not read it all by then.
	 */
	void close(CloseStatus status, long drainTimeNanos) {
		if (this.closing.get() || !this.pendingClose.compareAndSet(null, status)) {
			return;
		}
		if (!this.inFlight && this.queue.isEmpty()) {
			closeNow();
		}
		else {
			this.closer.schedule(this::closeNow, drainTimeNanos, TimeUnit.NANOSECONDS);
			checkPendingClose();
		}
	}

	private void checkPendingClose() {
		if (this.pendingClose.get() != null && !this.inFlight && this.queue.isEmpty()) {
			closeNow();
		}
	}

	private void closeNow() {
		CloseStatus status = this.pendingClose.getAndSet(null);
		if (status == null || !this.closing.compareAndSet(false, true)) {
			return;
		}
		try {
			getDelegate().close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Failed to close session " + getId(), ex);
		}
	}

	/**
	 * Keep the container's buffer for incoming text as configured: messages arrive in
	 * parts, which the STOMP decoder joins up to its own size limit, so the larger buffer
	 * that STOMP support asks for here would only cost memory on every connection.
	 */
	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (!(message instanceof TextMessage) && !(message instanceof BinaryMessage)) {
			getDelegate().sendMessage(message);
			return;
		}
		if (this.closing.get() || this.pendingClose.get() != null) {
			return;
		}
		long size = message.getPayloadLength();
		String key = (this.inFlight || !this.queue.isEmpty())
				? LatestOnlyFrames.subscription(message, this.limits.latestOnly()) : null;
		if (key != null && replaceWaiting(key, message, size)) {
			return;
		}
		QueuedFrame head = this.queue.peek();
		long now = System.nanoTime();
		if (this.queuedBytes.addAndGet(size) > this.limits.bufferLimit()
				|| (head != null && now - head.queuedAt() > this.limits.timeLimitNanos())) {
			closeSlow();
			return;
		}
		QueuedFrame frame = new QueuedFrame(message, size, now, key);
		if (key != null) {
			this.latest.put(key, frame);
		}
		this.queue.add(frame);
		drain();
	}

	private boolean replaceWaiting(String key, WebSocketMessage<?> message, long size) {
		QueuedFrame waiting = this.latest.get(key);
		if (waiting == null) {
			return false;
		}
		long replacedSize = waiting.replace(message, size);
		if (replacedSize < 0) {
			return false;
		}
		this.queuedBytes.addAndGet(size - replacedSize);
		return true;
	}

	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			while (!this.inFlight && !this.closing.get()) {
				QueuedFrame frame = this.queue.poll();
				if (frame == null) {
					break;
				}
				WebSocketMessage<?> message = frame.take();
				if (frame.key() != null) {
					this.latest.remove(frame.key(), frame);
				}
				this.inFlight = true;
				this.inFlightBytes = frame.size();
				write(message);
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void write(WebSocketMessage<?> message) {
		try {
			if (message instanceof TextMessage text) {
				if (this.textFrames != null) {
					this.textFrames.send(ByteBuffer.wrap(text.asBytes()), this.completion);
				}
				else {
					this.nativeSession.getAsyncRemote().sendText(text.getPayload(), this.completion);
				}
			}
			else {
				ByteBuffer payload = ((BinaryMessage) message).getPayload();
				this.nativeSession.getAsyncRemote().sendBinary(payload, this.completion);
			}
		}
		catch (RuntimeException ex) {
			completed(new SendResult(ex));
		}
	}

	private void completed(SendResult result) {
		this.queuedBytes.addAndGet(-this.inFlightBytes);
		this.inFlight = false;
		if (!result.isOK()) {
			closeFailed(result.getException());
			return;
		}
		drain();
		checkDrained();
		checkPendingClose();
	}

	private void checkDrained() {
		while (!this.onDrained.isEmpty() && this.queuedBytes.get() <= this.limits.bufferLimit() / 2) {
			Runnable action = this.onDrained.poll();
			if (action != null) {
				action.run();
			}
		}
	}

	/**
	 * A write failed: nothing more can be written, so close the connection (its client
	 * then reconnects and recovers what it missed) instead of leaving it open and silent.
	 */
	private void closeFailed(Throwable ex) {
		if (!this.closing.compareAndSet(false, true)) {
			return;
		}
		this.queue.clear();
		this.latest.clear();
		this.pendingClose.set(null);
		if (isOpen()) {
			logger.info("Closing session " + getId() + ": a write failed (" + ex + ")");
		}
		logger.debug("Write to session " + getId() + " failed", ex);
		this.closer.execute(() -> {
			try {
				getDelegate().close(CloseStatus.SERVER_ERROR.withReason("write failed"));
			}
			catch (IOException | RuntimeException closeEx) {
				logger.debug("Failed to close session " + getId() + " after a failed write", closeEx);
			}
		});
	}

	private void closeSlow() {
		if (!this.closing.compareAndSet(false, true)) {
			return;
		}
		long waiting = this.queuedBytes.get();
		this.queue.clear();
		this.latest.clear();
		this.onSlowClose.run();
		logger.info("Closing session " + getId() + ": slow consumer, " + waiting + " bytes waiting");
		this.closer.execute(() -> {
			try {
				getDelegate().close(CloseStatus.POLICY_VIOLATION.withReason(WebSocketConnections.SLOW_CONSUMER));
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Failed to close slow session " + getId(), ex);
			}
		});
	}

	/**
	 * What one connection may have waiting.
	 *
	 * @param bufferLimit bytes
	 * @param timeLimitNanos how long the oldest frame may wait
	 * @param latestOnly destination prefixes whose waiting frames are replaced by newer
	 * ones
	 */
	record SendLimits(long bufferLimit, long timeLimitNanos, List<String> latestOnly) {
	}

}
