package dev.switchboard.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The JSON messages received on one subscription, in arrival order.
 */
public final class Inbox {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String destination;

	private final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();

	Inbox(String destination) {
		this.destination = destination;
	}

	void add(Map<String, Object> message) {
		this.messages.add(message);
	}

	/**
	 * The next message, waiting up to ten seconds for it.
	 */
	public Map<String, Object> next() {
		try {
			Map<String, Object> message = this.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (message == null) {
				printThreads();
				fail("Nothing received on " + this.destination + " within " + TIMEOUT);
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Print what every thread of this JVM (the server's included, for tests that run it
	 * in-process) is doing, so that a wait that timed out can be explained.
	 */
	private static void printThreads() {
		StringBuilder dump = new StringBuilder("Threads when the wait timed out:\n");
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			if (stack.length > 0 && thread.getState() != Thread.State.TIMED_WAITING) {
				dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
				for (StackTraceElement frame : stack) {
					dump.append("    at ").append(frame).append('\n');
				}
			}
		});
		System.err.println(dump);
	}

	/**
	 * The next {@code count} messages.
	 */
	public List<Map<String, Object>> next(int count) {
		List<Map<String, Object>> result = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			result.add(next());
		}
		return result;
	}

	/**
	 * Skip messages until one matches, and return it.
	 */
	public Map<String, Object> nextMatching(Predicate<Map<String, Object>> condition) {
		while (true) {
			Map<String, Object> message = next();
			if (condition.test(message)) {
				return message;
			}
		}
	}

	/**
	 * The next message of the given {@code type} (room events), skipping others.
	 */
	public Map<String, Object> nextOfType(String type) {
		return nextMatching((message) -> type.equals(message.get("type")));
	}

	/**
	 * Assert that the next message is the given one; used with a marker message sent
	 * after something that must not arrive, since frames reach a connection in order.
	 */
	public Map<String, Object> assertNextHas(String key, Object value) {
		Map<String, Object> message = next();
		assertThat(message).containsEntry(key, value);
		return message;
	}

	/**
	 * Whether nothing is waiting right now.
	 */
	public boolean isEmpty() {
		return this.messages.isEmpty();
	}

}
