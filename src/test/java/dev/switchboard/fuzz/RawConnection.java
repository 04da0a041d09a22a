package dev.switchboard.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw WebSocket connection to {@code /ws} (the JDK's client): sends whatever bytes it
 * is given as text or binary messages, and keeps everything the server sends back.
 */
final class RawConnection implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final StringBuilder received = new StringBuilder();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private RawConnection(int port) {
		this.socket = await(HTTP.newWebSocketBuilder()
			.connectTimeout(TIMEOUT)
			.buildAsync(URI.create("ws://localhost:" + port + "/ws"), new Listener()), "open a WebSocket");
	}

	static RawConnection open(int port) {
		return new RawConnection(port);
	}

	/**
	 * Send a message.
	 * @return {@code false} if the connection was closed meanwhile
	 */
	boolean send(WsMessage message) {
		for (int i = 0; i < message.fragments().size(); i++) {
			byte[] fragment = message.fragments().get(i);
			boolean last = i == message.fragments().size() - 1;
			CompletableFuture<WebSocket> sent = message.binary()
					? this.socket.sendBinary(ByteBuffer.wrap(fragment), last)
					: this.socket.sendText(new String(fragment, StandardCharsets.UTF_8), last);
			try {
				await(sent, "send a message");
			}
			catch (IllegalStateException ex) {
				return false;
			}
		}
		return true;
	}

	boolean send(Frame frame) {
		return send(WsMessage.text(frame.encode()));
	}

	/**
	 * Wait for the server's answer to the CONNECT.
	 * @return whether it was CONNECTED; {@code false} if the server closed the connection
	 */
	boolean awaitConnected() {
		return awaitReceived("CONNECTED\n");
	}

	/**
	 * Ask for a room's member list and wait for it: then the server has handled every
	 * frame sent before.
	 * @return {@code false} if the server closed the connection instead
	 */
	boolean sync(String room) {
		String id = "sync-" + UUID.randomUUID();
		return send(Frame.sync(room, id)) && awaitReceived("\nsubscription:" + id + "\n");
	}

	String received() {
		synchronized (this.received) {
			return this.received.toString();
		}
	}

	/**
	 * Close the connection (unless the server did) and wait until it is closed.
	 */
	@Override
	public void close() {
		try {
			if (!this.socket.isOutputClosed()) {
				try {
					await(this.socket.sendClose(WebSocket.NORMAL_CLOSURE, ""), "send a close message");
				}
				catch (IllegalStateException ex) {
					// closed by the server meanwhile
				}
			}
			// The JDK client does not always report the end of a connection that the
			// server
			// closed while a close of its own was under way; the test then relies on the
			// server side (ServerActivity) to see that the connection is gone.
			this.closed.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			System.out.println("Closing a fuzzing connection: no close seen by the client within " + CLOSE_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			this.socket.abort();
		}
	}

	private boolean awaitReceived(String fragment) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		synchronized (this.received) {
			while (this.received.indexOf(fragment) < 0) {
				long left = deadline - System.nanoTime();
				if (this.closed.isDone()) {
					return false;
				}
				if (left <= 0) {
					throw new AssertionError("Neither '" + fragment.strip() + "' nor a close within " + TIMEOUT
							+ "; received: " + Bytes.show(this.received.toString().getBytes(StandardCharsets.UTF_8)));
				}
				try {
					this.received.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
			return true;
		}
	}

	private void receive(CharSequence data) {
		synchronized (this.received) {
			this.received.append(data);
			this.received.notifyAll();
		}
	}

	private void closed() {
		synchronized (this.received) {
			this.closed.complete(null);
			this.received.notifyAll();
		}
	}

	/**
	 * Wait for a future; a failure of the operation is an {@link IllegalStateException},
	 * no result in time an {@link AssertionError}.
	 */
	private static <T> T await(Future<T> future, String what) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not " + what, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AssertionError("Could not " + what + " within " + TIMEOUT, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			receive(data);
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			receive(StandardCharsets.UTF_8.decode(data));
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed();
		}

	}

}
