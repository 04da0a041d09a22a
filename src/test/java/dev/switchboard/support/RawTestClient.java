package dev.switchboard.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * A client of the native endpoint {@code /raw} on the JDK's WebSocket: sends JSON
 * commands and binary messages, keeps the JSON messages it receives in an {@link Inbox},
 * binary ones in a queue, and the close code. It answers pings.
 */
public final class RawTestClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final Inbox events = new Inbox("/raw");

	private final BlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final AtomicInteger pings = new AtomicInteger();

	private final Listener listener = new Listener();

	private final WebSocket socket;

	private RawTestClient(int port, String query, Map<String, String> headers) {
		WebSocket.Builder builder = HTTP.newWebSocketBuilder();
		headers.forEach(builder::header);
		this.socket = await(builder.buildAsync(URI.create("ws://localhost:" + port + "/raw" + query), this.listener));
	}

	/**
	 * Connect with {@code ?access_token=<token>} and wait for the {@code connected}
	 * message.
	 */
	public static RawTestClient connect(int port, String token) {
		RawTestClient client = new RawTestClient(port, "?access_token=" + encode(token), Map.of());
		client.events.nextOfType("connected");
		return client;
	}

	/**
	 * Connect with a logged-in browser session's cookie and wait for the
	 * {@code connected} message.
	 */
	public static RawTestClient connectWithCookie(int port, String cookie) {
		RawTestClient client = new RawTestClient(port, "", Map.of("Cookie", cookie));
		client.events.nextOfType("connected");
		return client;
	}

	/**
	 * Open a connection without waiting for anything.
	 */
	public static RawTestClient open(int port, String query, Map<String, String> headers) {
		return new RawTestClient(port, query, headers);
	}

	/**
	 * Try to open a connection that the server should refuse at the handshake.
	 * @return the HTTP status of the refusal
	 */
	public static int refusedStatus(int port, String query, Map<String, String> headers) {
		WebSocket.Builder builder = HTTP.newWebSocketBuilder();
		headers.forEach(builder::header);
		try {
			WebSocket socket = builder
				.buildAsync(URI.create("ws://localhost:" + port + "/raw" + query), new WebSocket.Listener() {
				})
				.get(Inbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			socket.abort();
			throw new AssertionError("The handshake was accepted");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw new AssertionError("The handshake failed otherwise", ex);
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new AssertionError(ex);
		}
	}

	/**
	 * Send a JSON command.
	 */
	public void send(Map<String, ?> command) {
		sendText(JSON.writeValueAsString(command));
	}

	/**
	 * Send a text message as it is.
	 */
	public void sendText(String text) {
		await(this.socket.sendText(text, true));
	}

	/**
	 * Send a binary message.
	 */
	public void sendBinary(byte[] data) {
		await(this.socket.sendBinary(ByteBuffer.wrap(data), true));
	}

	/**
	 * Join a room and wait for its member list, which proves the join is active.
	 */
	public void join(String room) {
		send(Map.of("type", "join", "room", room));
		this.events.nextMatching((event) -> "members".equals(event.get("type")) && room.equals(event.get("room")));
	}

	/**
	 * The JSON messages received, in order.
	 */
	public Inbox events() {
		return this.events;
	}

	/**
	 * The next binary message, waiting up to ten seconds for it.
	 */
	public byte[] nextBinary() {
		try {
			byte[] next = this.binary.poll(Inbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (next == null) {
				fail("No binary message within " + Inbox.TIMEOUT);
			}
			return next;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait for the server to close the connection, reading whatever comes first.
	 * @return the close code
	 */
	public int awaitClose() {
		try {
			return this.closeCode.get(Inbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new AssertionError("The connection was not closed within " + Inbox.TIMEOUT, ex);
		}
	}

	public boolean isClosed() {
		return this.closeCode.isDone();
	}

	/**
	 * How many pings the server sent so far.
	 */
	public int pings() {
		return this.pings.get();
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			try {
				this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
					.get(Inbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				// closed by the server meanwhile
			}
		}
		this.socket.abort();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(Inbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new CompletionException(ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new AssertionError(ex);
		}
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				RawTestClient.this.events
					.add(JSON.readValue(this.text.toString(), new TypeReference<Map<String, Object>>() {
					}));
				this.text.setLength(0);
			}
			next(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] part = new byte[data.remaining()];
			data.get(part);
			this.bytes.writeBytes(part);
			if (last) {
				RawTestClient.this.binary.add(this.bytes.toByteArray());
				this.bytes.reset();
			}
			next(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			RawTestClient.this.pings.incrementAndGet();
			next(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			RawTestClient.this.closeCode.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			RawTestClient.this.closeCode.complete(1006);
		}

		private void next(WebSocket webSocket) {
			webSocket.request(1);
		}

	}

}
