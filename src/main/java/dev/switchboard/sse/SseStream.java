package dev.switchboard.sse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One open event stream, written with Servlet non-blocking I/O: no thread ever waits for
 * its client.
 *
 * <p>
 * Events are written only while the container says the output is ready; when it is not
 * (the client reads slowly), the stream returns at once and the container calls back once
 * it is writable again. Meanwhile {@link #offer published events} replace each other in a
 * single slot, so a slow client holds at most one pending event and gets the newest one
 * next. Control events (the first event, heart-beats) go out before it, in order. Writes
 * run on the container's callback thread or on a small executor, never on the publisher's
 * thread, and one at a time.
 *
 * <p>
 * When the container ends the request (the client went away, say), it {@link #ended
 * tells} the stream before it recycles the request's objects for another request, and
 * waits for a write in progress to return first: a write that failed on another thread
 * must not leave its error on the next request of the same connection handler.
 */
final class SseStream {

	private static final Log logger = LogFactory.getLog(SseStream.class);

	static final SseEvent HEARTBEAT = new SseEvent(-1, ":\n\n".getBytes(StandardCharsets.UTF_8));

	private final ServletOutputStream out;

	private final Executor executor;

	private final Runnable onClose;

	private final Queue<SseEvent> control = new ConcurrentLinkedQueue<>();

	private final AtomicReference<SseEvent> latest = new AtomicReference<>();

	private final AtomicInteger wip = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	/** Held while the output is used, so that the container does not recycle it then. */
	private final ReentrantLock output = new ReentrantLock();

	private volatile boolean started;

	private volatile long lastWrite = System.nanoTime();

	private volatile long blockedSince;

	/** Only touched while draining, which happens on one thread at a time. */
	private boolean needsFlush;

	/** Only touched while draining. */
	private long lastId = Long.MIN_VALUE;

	/**
	 * Create a stream.
	 * @param out the response's output stream, not yet in non-blocking mode
	 * @param executor runs the writes triggered by {@link #offer}
	 * @param onClose run once when the stream closes, to release it
	 */
	SseStream(ServletOutputStream out, Executor executor, Runnable onClose) {
		this.out = out;
		this.executor = executor;
		this.onClose = onClose;
	}

	/**
	 * Switch the output to non-blocking mode and write the given events first.
	 */
	void start(SseEvent... first) {
		for (SseEvent event : first) {
			this.control.add(event);
		}
		this.out.setWriteListener(new Listener());
		this.started = true;
		schedule();
	}

	/**
	 * Make this the next event to write, replacing one that still waits; never blocks.
	 * Ignored if its id is not above the last id written.
	 */
	void offer(SseEvent event) {
		if (!this.closed.get()) {
			this.latest.set(event);
			schedule();
		}
	}

	/**
	 * Close the stream if it could not write for longer than the stall timeout, or send a
	 * heart-beat if it has been silent for longer than the heart-beat period.
	 * @return whether the stream was closed as stalled
	 */
	boolean check(long now, long heartbeatNanos, long stallNanos) {
		if (this.closed.get()) {
			return false;
		}
		long blocked = this.blockedSince;
		if (blocked != 0 && now - blocked > stallNanos) {
			close();
			return true;
		}
		if (blocked == 0 && now - this.lastWrite > heartbeatNanos && this.control.isEmpty()) {
			this.control.add(HEARTBEAT);
			schedule();
		}
		else if (blocked != 0 || !this.control.isEmpty() || this.latest.get() != null) {
			// Try again now and then: should the container's "writable again" call get
			// lost,
			// the stream is late by one check instead of stalled.
			schedule();
		}
		return false;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * The container ends the request (on its own thread): wait for a write in progress to
	 * return, then close the stream, so nothing writes to the request once it is
	 * recycled.
	 */
	void ended() {
		boolean locked = false;
		try {
			locked = this.output.tryLock(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			close();
		}
		finally {
			if (locked) {
				this.output.unlock();
			}
		}
	}

	/**
	 * Close the stream (once); waiting events are dropped.
	 */
	void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.control.clear();
			this.latest.set(null);
			this.onClose.run();
		}
	}

	private void schedule() {
		if (this.wip.getAndIncrement() == 0) {
			try {
				this.executor.execute(this::drainLoop);
			}
			catch (RejectedExecutionException ex) {
				this.wip.set(0);
				close();
			}
		}
	}

	private void drainLoop() {
		int missed = 1;
		do {
			drain();
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void drain() {
		if (!this.started) {
			return;
		}
		this.output.lock();
		try {
			while (!this.closed.get()) {
				if (!this.out.isReady()) {
					if (this.blockedSince == 0) {
						this.blockedSince = System.nanoTime();
					}
					return; // the container calls onWritePossible when it can take more
				}
				this.blockedSince = 0;
				if (this.needsFlush) {
					this.needsFlush = false;
					this.out.flush();
					continue;
				}
				SseEvent next = next();
				if (next == null) {
					return;
				}
				this.out.write(next.bytes());
				this.needsFlush = true;
				this.lastWrite = System.nanoTime();
			}
		}
		catch (IOException ex) {
			logger.debug("Closing a stream: its client went away", ex);
			close();
		}
		catch (RuntimeException ex) {
			if (!this.closed.get()) {
				logger.warn("Closing a stream that failed to write", ex);
			}
			close();
		}
		finally {
			this.output.unlock();
		}
	}

	private SseEvent next() {
		SseEvent event = this.control.poll();
		if (event != null) {
			this.lastId = Math.max(this.lastId, event.id());
			return event;
		}
		event = this.latest.getAndSet(null);
		if (event != null && event.id() > this.lastId) {
			this.lastId = event.id();
			return event;
		}
		return null;
	}

	private final class Listener implements WriteListener {

		@Override
		public void onWritePossible() {
			if (SseStream.this.wip.getAndIncrement() == 0) {
				drainLoop();
			}
		}

		@Override
		public void onError(Throwable ex) {
			ended();
		}

	}

}
