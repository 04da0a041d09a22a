package dev.switchboard.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Socket.IO connection (Engine.IO 4, Socket.IO protocol 5) to the default namespace
 * over the JDK's WebSocket client: it answers the server's pings, emits events that ask
 * for an acknowledgement, in order, and hands the events it receives to an
 * {@link EventHandler}.
 */
final class SocketIoConnection implements WebSocket.Listener, Connection {

	/** What a connection does with the events it receives. */
	interface EventHandler {

		/**
		 * Handle an event.
		 * @param connection the connection that received it
		 * @param event the event's name
		 * @param args the event's arguments, as a JSON array with the name first
		 */
		void onEvent(SocketIoConnection connection, String event, String args);

	}

	private final EventHandler handler;

	private final CompletableFuture<SocketIoConnection> connected = new CompletableFuture<>();

	private final Map<Long, CompletableFuture<String>> acks = new ConcurrentHashMap<>();

	private final AtomicLong lastAckId = new AtomicLong();

	private final StringBuilder partial = new StringBuilder();

	private volatile WebSocket webSocket;

	private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

	private SocketIoConnection(EventHandler handler) {
		this.handler = handler;
	}

	/**
	 * Open a WebSocket to the server on {@code 127.0.0.1:port}; completes once the server
	 * accepted the connection to the default namespace.
	 */
	static CompletableFuture<SocketIoConnection> open(HttpClient http, int port, EventHandler handler) {
		SocketIoConnection connection = new SocketIoConnection(handler);
		http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), connection)
			.whenComplete((webSocket, failure) -> {
				if (failure != null) {
					connection.connected.completeExceptionally(failure);
				}
			});
		return connection.connected.orTimeout(60, TimeUnit.SECONDS);
	}

	/**
	 * Emit an event with one JSON argument and ask for an acknowledgement; completes with
	 * the acknowledgement's arguments as a JSON array.
	 */
	CompletableFuture<String> emitWithAck(String event, String json) {
		long id = this.lastAckId.incrementAndGet();
		CompletableFuture<String> ack = new CompletableFuture<>();
		this.acks.put(id, ack);
		send("42" + id + "[\"" + event + "\"," + json + "]");
		return ack;
	}

	/** Send one Engine.IO packet; packets leave in call order. */
	private synchronized void send(String packet) {
		this.sending = this.sending.thenCompose((previous) -> this.webSocket.sendText(packet, true));
	}

	@Override
	public void close() {
		if (this.webSocket != null) {
			this.webSocket.abort();
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.webSocket = webSocket;
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			packet(this.partial.toString());
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	/** Handle one Engine.IO packet: a WebSocket message holds exactly one. */
	private void packet(String packet) {
		switch (packet.charAt(0)) {
			case '0' -> send("40"); // open: connect to the default namespace
			case '2' -> send("3"); // ping: pong
			case '4' -> message(packet);
			default -> {
			}
		}
	}

	/** Handle a Socket.IO packet: its type follows the Engine.IO message type. */
	private void message(String packet) {
		switch (packet.charAt(1)) {
			case '0' -> this.connected.complete(this);
			case '2' -> {
				String args = packet.substring(skipDigits(packet, 2));
				this.handler.onEvent(this, args.substring(2, args.indexOf('"', 2)), args);
			}
			case '3' -> {
				int end = skipDigits(packet, 2);
				CompletableFuture<String> ack = this.acks.remove(Long.parseLong(packet.substring(2, end)));
				if (ack != null) {
					ack.complete(packet.substring(end));
				}
			}
			case '4' -> this.connected.completeExceptionally(new IllegalStateException("Refused: " + packet));
			default -> {
			}
		}
	}

	private static int skipDigits(String text, int from) {
		int i = from;
		while (i < text.length() && Character.isDigit(text.charAt(i))) {
			i++;
		}
		return i;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.connected.completeExceptionally(new IllegalStateException("Closed: " + statusCode + " " + reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.connected.completeExceptionally(error);
	}

}
