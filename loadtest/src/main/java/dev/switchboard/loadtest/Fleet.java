package dev.switchboard.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The simulated clients: accounts (one per {@code perUser} connections, as the product's
 * connections-per-user limit allows), and STOMP or Socket.IO connections joined to rooms,
 * opened a bounded number at a time.
 */
final class Fleet implements AutoCloseable {

	private static final String PASSWORD = "load-test-password";

	private final List<Integer> ports;

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final List<HttpClient> clients = new ArrayList<>();

	private final HttpClient accounts = HttpClient.newHttpClient();

	private final List<Connection> connections = new ArrayList<>();

	private final List<String> tokens = new ArrayList<>();

	private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

	Fleet(List<Integer> ports) {
		this.ports = ports;
		for (int i = 0; i < 4; i++) {
			this.clients.add(HttpClient.newBuilder().executor(this.executor).build());
		}
	}

	String run() {
		return this.run;
	}

	/** Sign up {@code count} users and get a token for each. */
	void users(int count) throws InterruptedException {
		for (int i = this.tokens.size(); i < count; i++) {
			this.tokens.add(token("load_" + this.run + "_" + i));
		}
	}

	/** Sign up a user of the given name (unless it exists) and get a token for it. */
	String token(String name) throws InterruptedException {
		String credentials = "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}";
		String token;
		try {
			post(this.accounts, "/api/auth/signup", credentials);
			token = post(this.accounts, "/api/auth/token", credentials);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return token.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
	}

	/**
	 * Open connections, each joined to its room with {@code since-seq:0} and counted once
	 * the server confirmed the subscription (the catch-up's end marker arrives).
	 * @param rooms the room of each connection
	 * @param perUser connections per account
	 * @param inFlight how many connections may be opening at once
	 */
	List<StompConnection> join(List<String> rooms, int perUser, int inFlight, StompConnection.FrameHandler handler)
			throws InterruptedException {
		users((rooms.size() + perUser - 1) / perUser);
		return open(rooms.size(), inFlight, (i) -> {
			CompletableFuture<Void> recovered = new CompletableFuture<>();
			StompConnection.FrameHandler joining = (connection, command, headers, body) -> {
				if (!recovered.isDone() && body.contains("\"type\":\"recovery\"")) {
					recovered.complete(null);
				}
				if ("ERROR".equals(command)) {
					recovered.completeExceptionally(new IllegalStateException("The server refused the join: " + body));
				}
				handler.onFrame(connection, command, headers, body);
			};
			return StompConnection
				.open(client(i), URI.create("ws://127.0.0.1:" + port(i) + "/ws"), this.tokens.get(i / perUser), joining)
				.thenCompose((connection) -> {
					// A connection closed before its catch-up ended fails, rather than
					// leaving the run waiting for it.
					connection.closed()
						.thenRun(() -> recovered
							.completeExceptionally(new IllegalStateException("Closed before the join completed")));
					connection.subscribe("room", "/topic/rooms." + rooms.get(i), "since-seq:0");
					return recovered.thenApply((done) -> connection);
				});
		});
	}

	/**
	 * Open Socket.IO connections, each counted once the server acknowledged its
	 * {@code join} to its room.
	 * @param rooms the room of each connection
	 * @param inFlight how many connections may be opening at once
	 */
	List<SocketIoConnection> joinSocketIo(List<String> rooms, int inFlight, SocketIoConnection.EventHandler handler)
			throws InterruptedException {
		return open(rooms.size(), inFlight,
				(i) -> SocketIoConnection.open(client(i), port(i), handler)
					.thenCompose((connection) -> connection.emitWithAck("join", "\"" + rooms.get(i) + "\"")
						.thenApply((ack) -> connection)));
	}

	/**
	 * Open {@code count} connections, at most {@code inFlight} at a time, and keep those
	 * that opened.
	 */
	private <C extends Connection> List<C> open(int count, int inFlight, IntFunction<CompletableFuture<C>> opener)
			throws InterruptedException {
		Semaphore opening = new Semaphore(inFlight);
		List<CompletableFuture<C>> opened = new ArrayList<>();
		AtomicInteger failures = new AtomicInteger();
		for (int i = 0; i < count; i++) {
			opening.acquire();
			opened.add(opener.apply(i).whenComplete((connection, failure) -> {
				opening.release();
				if (failure != null && failures.incrementAndGet() == 1) {
					System.err.println("A connection failed: " + failure);
				}
			}));
		}
		List<C> result = new ArrayList<>();
		for (CompletableFuture<C> future : opened) {
			C connection = future.exceptionally((failure) -> null).join();
			if (connection != null) {
				result.add(connection);
			}
		}
		synchronized (this.connections) {
			this.connections.addAll(result);
		}
		if (failures.get() > 0) {
			System.err.println(failures.get() + " of " + count + " connections failed");
		}
		return result;
	}

	/** Open one connection of the given account that joins nothing. */
	StompConnection connect(int user, int port, StompConnection.FrameHandler handler) throws InterruptedException {
		users(user + 1);
		StompConnection connection = StompConnection
			.open(this.clients.get(0), URI.create("ws://127.0.0.1:" + port + "/ws"), this.tokens.get(user), handler)
			.join();
		synchronized (this.connections) {
			this.connections.add(connection);
		}
		return connection;
	}

	/** Open one Socket.IO connection that joins nothing. */
	SocketIoConnection connectSocketIo(int port, SocketIoConnection.EventHandler handler) {
		SocketIoConnection connection = SocketIoConnection.open(this.clients.get(0), port, handler).join();
		synchronized (this.connections) {
			this.connections.add(connection);
		}
		return connection;
	}

	private HttpClient client(int connection) {
		return this.clients.get(connection % this.clients.size());
	}

	private int port(int connection) {
		return this.ports.get(connection % this.ports.size());
	}

	private String post(HttpClient http, String path, String json) throws IOException, InterruptedException {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.ports.get(0) + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300 && !path.endsWith("signup")) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	@Override
	public void close() {
		synchronized (this.connections) {
			this.connections.forEach(Connection::close);
		}
		this.executor.shutdownNow();
	}

}
