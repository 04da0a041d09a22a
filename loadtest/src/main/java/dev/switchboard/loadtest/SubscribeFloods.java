package dev.switchboard.loadtest;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SUBSCRIBE floods from one logged-in account: a few connections, each sending SUBSCRIBE
 * and UNSUBSCRIBE to the fan-out's room {@code rate} times a second, and with each pair a
 * SUBSCRIBE to a room name never used before (the run's rooms {@code flood-<run>-<n>},
 * which the server creates, at most {@code newRooms} in all); a connection the server
 * closes (rate limit, subscription limit) is opened again.
 */
final class SubscribeFloods implements Attack {

	private final AttackerConnections connections;

	private final String destination;

	private final String newRoomPrefix;

	private final int count;

	private final int rate;

	private final int newRooms;

	private final AtomicInteger roomsUsed = new AtomicInteger();

	private final Workers workers = new Workers("subscribe-flood");

	private final Tally tally;

	private volatile boolean started;

	/**
	 * @param token the attacking account's token
	 * @param room the fan-out's room
	 * @param run the run's name, which new rooms' names hold
	 * @param count how many connections are open at once
	 * @param rate SUBSCRIBE/UNSUBSCRIBE pairs a second per connection
	 * @param newRooms how many new room names are subscribed to, in all
	 */
	SubscribeFloods(HttpClient http, List<Integer> ports, String token, String room, String run, int count, int rate,
			int newRooms) {
		List<String> counters = new ArrayList<>(AttackerConnections.COUNTERS);
		counters.addAll(List.of("subscribes", "unsubscribes", "newRooms"));
		this.tally = new Tally("flood", counters, AttackerConnections.BREAKDOWNS);
		this.connections = new AttackerConnections(http, ports, token, this.workers, this.tally);
		this.destination = "/topic/rooms." + room;
		this.newRoomPrefix = "/topic/rooms.flood-" + run + "-";
		this.count = count;
		this.rate = rate;
		this.newRooms = newRooms;
	}

	@Override
	public void start(long deadlineNanos) {
		this.started = true;
		this.workers.start(this.count, deadlineNanos, 1000, this::round);
	}

	private void round(int worker) throws InterruptedException {
		StompConnection connection = this.connections.open(worker);
		if (connection == null) {
			return;
		}
		long period = 1_000_000_000L / Math.max(1, this.rate);
		long next = System.nanoTime();
		try {
			for (int n = 0; this.workers.running() && !connection.closed().isDone(); n++) {
				connection.subscribe("f" + n, this.destination);
				this.tally.add("subscribes");
				connection.send("UNSUBSCRIBE\nid:f" + n + "\n\n");
				this.tally.add("unsubscribes");
				int room = this.roomsUsed.getAndIncrement();
				if (room < this.newRooms) {
					connection.subscribe("r" + n, this.newRoomPrefix + room);
					this.tally.add("newRooms");
				}
				next += period;
				long wait = (next - System.nanoTime()) / 1_000_000;
				if (wait > 0) {
					this.workers.pause(wait);
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
		report.put("floodConnections", this.started ? this.count : 0);
		report.put("floodRate", this.rate);
		this.tally.put(report);
	}

}
