package dev.switchboard.loadtest;

/**
 * One kind of misbehaving client of the {@code hostile} scenario: a bounded number of
 * sockets or connections that attack the server until stopped or until a deadline, and
 * count how the server answered.
 */
interface Attack {

	/** Start attacking from threads of its own; returns at once. */
	void start(long deadlineNanos);

	/** Close every socket and wait (a bounded time) for the threads to end. */
	void stop();

	/** Add this attack's counters to a report row. */
	void put(Report report);

}
