package dev.switchboard.loadtest;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends stamped chat messages to a room at a steady rate from one connection, each with
 * an {@code ack-id}, and counts the acknowledgements.
 */
final class Publisher implements AutoCloseable {

	private final StompConnection connection;

	private final String destination;

	private final int size;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong acked = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private volatile boolean counting;

	private volatile boolean paused;

	private final AtomicLong ackedWhileCounting = new AtomicLong();

	Publisher(StompConnection connection, String room, int size) {
		this.connection = connection;
		this.destination = "/app/rooms/" + room + "/messages";
		this.size = size;
	}

	/** Handle a frame of the publisher's connection (its acknowledgements). */
	static void onAck(Publisher publisher, String command, String body) {
		if (!"MESSAGE".equals(command) || !body.contains("\"ackId\"")) {
			return;
		}
		boolean ok = body.contains("\"ok\":true");
		(ok ? publisher.acked : publisher.refused).incrementAndGet();
		if (ok && body.contains("\"ackId\":\"c")) {
			publisher.ackedWhileCounting.incrementAndGet();
		}
	}

	/** Send {@code rate} messages a second until closed. */
	void start(int rate) {
		long[] started = { System.nanoTime() };
		long[] offset = { 0 };
		this.timer.scheduleAtFixedRate(() -> {
			if (this.paused) {
				started[0] = System.nanoTime();
				offset[0] = this.sent.get();
				return;
			}
			long due = offset[0] + (System.nanoTime() - started[0]) * rate / 1_000_000_000L;
			while (this.sent.get() < due) {
				long n = this.sent.incrementAndGet();
				boolean counted = this.counting;
				this.connection.sendJson(this.destination,
						"{\"text\":\"" + Deliveries.stampedText(this.size, counted) + "\"}",
						"ack-id:" + (counted ? "c" : "w") + n);
			}
		}, 1, 1, TimeUnit.MILLISECONDS);
	}

	/** Stop sending until resumed (the rate then applies from the resumption). */
	void pause(boolean paused) {
		this.paused = paused;
	}

	/** Every message sent. */
	long sent() {
		return this.sent.get();
	}

	/** Every message sent and acknowledged. */
	long acked() {
		return this.acked.get();
	}

	/** From now on, acknowledgements count towards {@link #ackedWhileCounting()}. */
	void count(boolean counting) {
		this.counting = counting;
	}

	/** Messages sent while counting that the server acknowledged as stored. */
	long ackedWhileCounting() {
		return this.ackedWhileCounting.get();
	}

	long refused() {
		return this.refused.get();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
