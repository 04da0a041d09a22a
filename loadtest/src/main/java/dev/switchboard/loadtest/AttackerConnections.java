package dev.switchboard.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The STOMP connections of one attacking account: each opened with a bounded wait, its
 * ERROR frames counted by their {@code code} and its end by its close code, all in the
 * attack's {@link Tally} (counters {@code opened}, {@code connectFailures},
 * {@code errors}, {@code closed}; breakdowns {@code errorCodes}, {@code closeCodes}).
 * Nothing it receives reaches the well-behaved clients' counts.
 */
final class AttackerConnections {

	static final List<String> COUNTERS = List.of("opened", "connectFailures", "errors", "closed");

	static final List<String> BREAKDOWNS = List.of("errorCodes", "closeCodes");

	private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

	private final HttpClient http;

	private final List<Integer> ports;

	private final String token;

	private final Workers workers;

	private final Tally tally;

	AttackerConnections(HttpClient http, List<Integer> ports, String token, Workers workers, Tally tally) {
		this.http = http;
		this.ports = ports;
		this.token = token;
		this.workers = workers;
		this.tally = tally;
	}

	/**
	 * Open a connection for a worker, or return {@code null} (after a pause) if the
	 * server refused it or did not answer within 10 s.
	 */
	StompConnection open(int worker) throws InterruptedException {
		URI uri = URI.create("ws://127.0.0.1:" + this.ports.get(worker % this.ports.size()) + "/ws");
		try {
			StompConnection connection = StompConnection.open(this.http, uri, this.token, this::onFrame)
				.get(10, TimeUnit.SECONDS);
			this.workers.track(connection);
			this.tally.add("opened");
			return connection;
		}
		catch (ExecutionException | TimeoutException ex) {
			if (this.workers.running()) {
				this.tally.add("connectFailures");
				this.workers.pause(1000);
			}
			return null;
		}
	}

	/** Close a connection, counting whether the server had closed it first. */
	void close(StompConnection connection) {
		Integer code = connection.closed().getNow(null);
		if (code != null) {
			this.tally.add("closed");
			this.tally.add("closeCodes", Integer.toString(code));
		}
		this.workers.untrack(connection);
		connection.close();
	}

	private void onFrame(StompConnection connection, String command, String headers, String body) {
		if ("ERROR".equals(command)) {
			this.tally.add("errors");
			Matcher code = CODE.matcher(body);
			this.tally.add("errorCodes", code.find() ? code.group(1) : "other");
		}
	}

}
