package dev.switchboard.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One STOMP 1.2 connection over the JDK's WebSocket client: frames out in order, frames
 * in handed to a {@link FrameHandler} as they complete.
 */
final class StompConnection implements WebSocket.Listener, Connection {

	/** What a connection does with the frames it receives. */
	interface FrameHandler {

		void onFrame(StompConnection connection, String command, String headers, String body);

	}

	private final FrameHandler handler;

	private final CompletableFuture<StompConnection> connected = new CompletableFuture<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private WebSocket webSocket;

	private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

	private StompConnection(FrameHandler handler) {
		this.handler = handler;
	}

	/**
	 * Open a WebSocket and send CONNECT with a bearer token; completes on CONNECTED.
	 */
	static CompletableFuture<StompConnection> open(HttpClient http, URI uri, String token, FrameHandler handler) {
		StompConnection connection = new StompConnection(handler);
		http.newWebSocketBuilder()
			.header("Origin", "http://" + uri.getHost() + ":" + uri.getPort())
			.buildAsync(uri, connection)
			.whenComplete((webSocket, failure) -> {
				if (failure != null) {
					connection.connected.completeExceptionally(failure);
					return;
				}
				connection.webSocket = webSocket;
				connection.send("CONNECT\naccept-version:1.2\nhost:" + uri.getHost() + "\nheart-beat:0,0\n"
						+ "Authorization:Bearer " + token + "\n\n");
			});
		return connection.connected.orTimeout(60, TimeUnit.SECONDS);
	}

	/**
	 * Send one frame given without its terminating NUL; frames leave in call order.
	 */
	synchronized void send(String frame) {
		this.sending = this.sending.thenCompose((previous) -> this.webSocket.sendText(frame + "\0", true));
	}

	void subscribe(String id, String destination, String... headerLines) {
		StringBuilder frame = new StringBuilder("SUBSCRIBE\nid:").append(id)
			.append("\ndestination:")
			.append(destination)
			.append('\n');
		for (String line : headerLines) {
			frame.append(line).append('\n');
		}
		send(frame.append('\n').toString());
	}

	void sendJson(String destination, String json, String... headerLines) {
		StringBuilder frame = new StringBuilder("SEND\ndestination:").append(destination)
			.append("\ncontent-type:application/json\n");
		for (String line : headerLines) {
			frame.append(line).append('\n');
		}
		send(frame.append('\n').append(json).toString());
	}

	/**
	 * Completes when the connection ends: with the close code the server sent, or
	 * {@code -1} when the connection failed without one.
	 */
	CompletableFuture<Integer> closed() {
		return this.closed;
	}

	@Override
	public void close() {
		if (this.webSocket != null) {
			this.webSocket.abort();
		}
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			frames(this.partial);
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	private void frames(CharSequence message) {
		String text = message.toString();
		int start = 0;
		while (start < text.length()) {
			while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
				start++; // heart-beats
			}
			int end = text.indexOf('\0', start);
			if (start >= text.length() || end < 0) {
				return;
			}
			frame(text.substring(start, end));
			start = end + 1;
		}
	}

	private void frame(String frame) {
		int commandEnd = frame.indexOf('\n');
		int headersEnd = frame.indexOf("\n\n", commandEnd);
		String command = frame.substring(0, commandEnd);
		String headers = frame.substring(commandEnd + 1, headersEnd + 1);
		String body = frame.substring(headersEnd + 2);
		if ("CONNECTED".equals(command)) {
			this.connected.complete(this);
		}
		else if ("ERROR".equals(command) && !this.connected.isDone()) {
			this.connected.completeExceptionally(new IllegalStateException("Refused: " + headers + body));
		}
		this.handler.onFrame(this, command, headers, body);
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.connected.completeExceptionally(new IllegalStateException("Closed: " + statusCode + " " + reason));
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.connected.completeExceptionally(error);
		this.closed.complete(-1);
	}

	/** The value of a header in a frame's header block, or {@code null}. */
	static String header(String headers, String name) {
		int at = headers.startsWith(name + ":") ? 0 : headers.indexOf("\n" + name + ":");
		if (at < 0) {
			return null;
		}
		int start = headers.indexOf(':', at) + 1;
		int end = headers.indexOf('\n', start);
		return headers.substring(start, (end < 0) ? headers.length() : end);
	}

}
