package dev.switchboard.system;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
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
 */
class NonBlockingSession extends WebSocketSessionDecorator {

	private static final Log logger = LogFactory.getLog(NonBlockingSession.class);

	private final Session nativeSession;

	private final long bufferLimit;

	private final long timeLimitNanos;

	private final Executor closer;

	private final Runnable onSlowClose;

	private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicInteger wip = new AtomicInteger();

	private final AtomicBoolean closing = new AtomicBoolean();

	private volatile boolean inFlight;

	private volatile long inFlightBytes;

	private final SendHandler completion = this::completed;

	private final AtomicReference<Runnable> onDrained = new AtomicReference<>();

	NonBlockingSession(StandardWebSocketSession delegate, long bufferLimit, long timeLimitNanos, Executor closer,
			Runnable onSlowClose) {
		super(delegate);
		this.nativeSession = delegate.getNativeSession();
		this.bufferLimit = bufferLimit;
		this.timeLimitNanos = timeLimitNanos;
		this.closer = closer;
		this.onSlowClose = onSlowClose;
	}

	/**
	 * Wrap a container session, or return it unchanged if it is not a standard one.
	 */
	static WebSocketSession wrap(WebSocketSession session, long bufferLimit, long timeLimitNanos, Executor closer,
			Runnable onSlowClose) {
		if (session instanceof StandardWebSocketSession standard && standard.getNativeSession() != null) {
			return new NonBlockingSession(standard, bufferLimit, timeLimitNanos, closer, onSlowClose);
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
	 * if that is already so), on whichever thread observes it.
	 */
	void whenDrained(Runnable action) {
		this.onDrained.set(action);
		checkDrained();
	}

	private void checkDrained() {
		Runnable action = this.onDrained.get();
		if (action != null && this.queuedBytes.get() <= this.bufferLimit / 2
				&& this.onDrained.compareAndSet(action, null)) {
			action.run();
		}
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (!(message instanceof TextMessage) && !(message instanceof BinaryMessage)) {
			getDelegate().sendMessage(message);
			return;
		}
		if (this.closing.get()) {
			return;
		}
		Frame head = this.queue.peek();
		long now = System.nanoTime();
		long size = message.getPayloadLength();
		if (this.queuedBytes.addAndGet(size) > this.bufferLimit
				|| (head != null && now - head.queuedAt > this.timeLimitNanos)) {
			closeSlow();
			return;
		}
		this.queue.add(new Frame(message, size, now));
		drain();
	}

	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			while (!this.inFlight && !this.closing.get()) {
				Frame frame = this.queue.poll();
				if (frame == null) {
					break;
				}
				this.inFlight = true;
				this.inFlightBytes = frame.size;
				write(frame.message);
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void write(WebSocketMessage<?> message) {
		try {
			if (message instanceof TextMessage text) {
				this.nativeSession.getAsyncRemote().sendText(text.getPayload(), this.completion);
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
			logger.debug("Write to session " + getId() + " failed", result.getException());
			this.closing.set(true);
			this.queue.clear();
			return;
		}
		drain();
		checkDrained();
	}

	private void closeSlow() {
		if (!this.closing.compareAndSet(false, true)) {
			return;
		}
		long waiting = this.queuedBytes.get();
		this.queue.clear();
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

	private record Frame(WebSocketMessage<?> message, long size, long queuedAt) {
	}

}
