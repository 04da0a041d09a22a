package dev.switchboard.loadtest;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Long header values from one logged-in account: a few connections, each sending a
 * SUBSCRIBE to the fan-out's room with an {@code id} of {@code bytes} characters every
 * interval until the server closes it, then reconnecting.
 */
final class LongHeaders implements Attack {

	private final AttackerConnections connections;

	private final String destination;

	private final int count;

	private final String longId;

	private final int intervalMillis;

	private final Workers workers = new Workers("long-header");

	private final Tally tally;

	private volatile boolean started;

	/**
	 * @param token the attacking account's token
	 * @param room the fan-out's room
	 * @param count how many connections are open at once
	 * @param bytes the length of each {@code id}
	 * @param intervalMillis the time between two SUBSCRIBEs of a connection
	 */
	LongHeaders(HttpClient http, List<Integer> ports, String token, String room, int count, int bytes,
			int intervalMillis) {
		List<String> counters = new ArrayList<>(AttackerConnections.COUNTERS);
		counters.add("subscribes");
		this.tally = new Tally("longHeader", counters, AttackerConnections.BREAKDOWNS);
		this.connections = new AttackerConnections(http, ports, token, this.workers, this.tally);
		this.destination = "/topic/rooms." + room;
		this.count = count;
		this.longId = "x".repeat(bytes);
		this.intervalMillis = intervalMillis;
	}

	@Override
	public void start(long deadlineNanos) {
		this.started = true;
		this.workers.start(this.count, deadlineNanos, this.intervalMillis, this::round);
	}

	private void round(int worker) throws InterruptedException {
		StompConnection connection = this.connections.open(worker);
		if (connection == null) {
			return;
		}
		try {
			for (int n = 0; this.workers.running() && !connection.closed().isDone(); n++) {
				// Distinct ids, in case the server takes them: each one is a
				// subscription.
				connection.subscribe(n + this.longId.substring(Integer.toString(n).length()), this.destination);
				this.tally.add("subscribes");
				try {
					connection.closed().get(this.intervalMillis, TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException | ExecutionException ex) {
					// Still open: send the next one.
				}
			}
		}
		finally {
			this.connections.close(connection);
		}
	}

	@Override
	public void stop() {
		this.workers.stop();
	}

	@Override
	public void put(Report report) {
		report.put("longHeaderConnections", this.started ? this.count : 0);
		report.put("longHeaderBytes", this.longId.length());
		this.tally.put(report);
	}

}
