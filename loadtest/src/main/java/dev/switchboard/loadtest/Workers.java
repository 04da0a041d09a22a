package dev.switchboard.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The threads of one attack, each repeating a round (open a socket or connection, attack,
 * wait for the server's reaction) until stopped or until the deadline. What a round holds
 * open is tracked and closed on {@link #stop()}, which ends any read in progress.
 */
final class Workers {

	/** One round of one worker; it counts what it saw itself. */
	interface Round {

		void run(int worker) throws Exception;

	}

	private final String name;

	private final List<Thread> threads = new ArrayList<>();

	private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

	private volatile boolean stopped;

	private volatile long deadline;

	Workers(String name) {
		this.name = name;
	}

	/**
	 * Start {@code count} threads, their first rounds spread over {@code spreadMillis}.
	 */
	void start(int count, long deadlineNanos, long spreadMillis, Round round) {
		this.deadline = deadlineNanos;
		for (int i = 0; i < count; i++) {
			int worker = i;
			long delay = spreadMillis * i / Math.max(1, count);
			// Small stacks: hundreds of these threads mostly wait on a socket.
			Thread thread = new Thread(null, () -> loop(worker, delay, round), this.name + "-" + i, 256 * 1024);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	private void loop(int worker, long delay, Round round) {
		try {
			pause(delay);
			while (running()) {
				try {
					round.run(worker);
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (Exception ex) {
					// The round counted what it could; the next one starts afresh.
				}
				pause(200 + ThreadLocalRandom.current().nextLong(200));
			}
		}
		catch (InterruptedException ex) {
			// Stopped.
		}
	}

	/** Whether rounds go on: not stopped, and before the deadline. */
	boolean running() {
		return !this.stopped && System.nanoTime() < this.deadline;
	}

	/** Sleep, unless stopped meanwhile. */
	void pause(long millis) throws InterruptedException {
		if (running()) {
			Thread.sleep(millis);
		}
	}

	/** Keep something to close on stop; closed at once if already stopped. */
	<T extends AutoCloseable> T track(T closeable) {
		this.open.add(closeable);
		if (this.stopped) {
			closeQuietly(closeable);
		}
		return closeable;
	}

	void untrack(AutoCloseable closeable) {
		this.open.remove(closeable);
	}

	void stop() {
		this.stopped = true;
		this.open.forEach(Workers::closeQuietly);
		this.threads.forEach(Thread::interrupt);
		long deadline = System.nanoTime() + 10_000_000_000L;
		for (Thread thread : this.threads) {
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				break;
			}
			try {
				thread.join(left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Closing is all that is wanted.
		}
	}

}
