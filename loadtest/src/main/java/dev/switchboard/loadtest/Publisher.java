package dev.switchboard.loadtest;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends stamped chat messages to a room at a steady rate from one connection, each with
 * an acknowledgement id ({@code c<n>} while counting, {@code w<n>} while warming up), and
 * counts the acknowledgements.
 */
final class Publisher implements AutoCloseable {

	/** How a message leaves: its text, and the id its acknowledgement is counted by. */
	interface Sender {

		void send(String text, String ackId);

	}

	private final Sender sender;

	private final int size;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong acked = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private volatile boolean counting;

	private volatile boolean paused;

	private final AtomicLong ackedWhileCounting = new AtomicLong();

	private final AtomicLong sentWhileCounting = new AtomicLong();

	private final AtomicLong refusedWhileCounting = new AtomicLong();

	Publisher(Sender sender, int size) {
		this.sender = sender;
		this.size = size;
	}

	/**
	 * A publisher that sends to the product's room destination with an {@code ack-id};
	 * the acknowledgements arrive on {@code /user/queue/acks} (see {@link #onAck}).
	 */
	static Publisher stomp(StompConnection connection, String room, int size) {
		String destination = "/app/rooms/" + room + "/messages";
		return new Publisher(
				(text, ackId) -> connection.sendJson(destination, "{\"text\":\"" + text + "\"}", "ack-id:" + ackId),
				size);
	}

	/**
	 * A publisher that emits {@code publish} events to the Socket.IO comparison server,
	 * each with an acknowledgement.
	 */
	static Publisher socketIo(SocketIoConnection connection, String room, int size) {
		Publisher[] publisher = new Publisher[1];
		publisher[0] = new Publisher((text, ackId) -> connection
			.emitWithAck("publish", "{\"room\":\"" + room + "\",\"text\":\"" + text + "\"}")
			.thenAccept((ack) -> publisher[0].acknowledged(ackId, ack.contains("\"ok\":true"))), size);
		return publisher[0];
	}

	/** Handle a frame of the publisher's STOMP connection (its acknowledgements). */
	static void onAck(Publisher publisher, String command, String body) {
		int at = body.indexOf("\"ackId\":\"");
		if (!"MESSAGE".equals(command) || at < 0) {
			return;
		}
		int start = at + "\"ackId\":\"".length();
		publisher.acknowledged(body.substring(start, body.indexOf('"', start)), body.contains("\"ok\":true"));
	}

	private void acknowledged(String ackId, boolean ok) {
		(ok ? this.acked : this.refused).incrementAndGet();
		if (ackId.startsWith("c")) {
			(ok ? this.ackedWhileCounting : this.refusedWhileCounting).incrementAndGet();
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
				if (counted) {
					this.sentWhileCounting.incrementAndGet();
				}
				this.sender.send(Deliveries.stampedText(this.size, counted), (counted ? "c" : "w") + n);
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

	/**
	 * Whether the server answered (acknowledged or refused) every message sent while
	 * counting.
	 */
	boolean answeredAll() {
		return this.ackedWhileCounting.get() + this.refusedWhileCounting.get() >= this.sentWhileCounting.get();
	}

	/**
	 * Messages sent while counting that the server neither acknowledged nor refused (so
	 * far).
	 */
	long unanswered() {
		return Math.max(0,
				this.sentWhileCounting.get() - this.ackedWhileCounting.get() - this.refusedWhileCounting.get());
	}

	long refused() {
		return this.refused.get();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
