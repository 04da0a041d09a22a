package dev.switchboard.loadtest;

import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Chat messages received by subscribers while measuring: how many, and their latency from
 * the publisher's send to the subscriber's receipt (both in this process).
 */
final class Deliveries {

	private static final String STAMP = "\"text\":\"t";

	private final Recorder latencies = new Recorder(3);

	private final AtomicLong count = new AtomicLong();

	private final AtomicLong all = new AtomicLong();

	/**
	 * A text of {@code size} characters that carries the current time, and whether the
	 * message counts (sent while measuring) or not (sent while warming up).
	 */
	static String stampedText(int size, boolean counted) {
		StringBuilder text = new StringBuilder("t").append(System.nanoTime()).append(counted ? "|c|" : "|w|");
		while (text.length() < size) {
			text.append('x');
		}
		return text.toString();
	}

	/** Record a MESSAGE body if it is a chat message that counts. */
	void record(String body) {
		int at = body.indexOf(STAMP);
		if (at < 0) {
			return;
		}
		this.all.incrementAndGet();
		long sentAt = 0;
		int i = at + STAMP.length();
		for (; i < body.length() && Character.isDigit(body.charAt(i)); i++) {
			sentAt = sentAt * 10 + (body.charAt(i) - '0');
		}
		if (i + 1 >= body.length() || body.charAt(i + 1) != 'c') {
			return;
		}
		this.latencies.recordValue(Math.max(0, System.nanoTime() - sentAt) / 1000);
		this.count.incrementAndGet();
	}

	/** Every chat message received, counted or not. */
	long all() {
		return this.all.get();
	}

	long count() {
		return this.count.get();
	}

	/** Latencies in microseconds of the messages that count. */
	Histogram histogram() {
		return this.latencies.getIntervalHistogram();
	}

}
