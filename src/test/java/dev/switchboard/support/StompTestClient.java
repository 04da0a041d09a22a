package dev.switchboard.support;

import java.lang.reflect.Type;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real STOMP client over a WebSocket to the server under test, with JSON payloads and
 * one {@link Inbox} per subscription.
 */
public final class StompTestClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final WebSocketStompClient CLIENT = new WebSocketStompClient(
			new StandardWebSocketClient(container()));

	/** A client that can track receipts (it has a scheduler). */
	private static final WebSocketStompClient RECEIPT_CLIENT = receiptClient();

	private static WebSocketStompClient receiptClient() {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient(container()));
		// For receipts only: no heart-beats.
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setDaemon(true);
		scheduler.setThreadNamePrefix("stomp-test-");
		scheduler.initialize();
		client.setTaskScheduler(scheduler);
		client.setDefaultHeartbeat(new long[] { 0, 0 });
		return client;
	}

	private static WebSocketContainer container() {
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(256 * 1024);
		container.setDefaultMaxBinaryMessageBufferSize(256 * 1024);
		return container;
	}

	private final StompSession session;

	private final Handler handler;

	private final Map<String, StompSession.Subscription> subscriptions = new ConcurrentHashMap<>();

	private StompTestClient(StompSession session, Handler handler) {
		this.session = session;
		this.handler = handler;
	}

	/**
	 * Connect with {@code Authorization: Bearer <token>}.
	 */
	public static StompTestClient connect(int port, String token) {
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + token);
		return connect(port, new WebSocketHttpHeaders(), connect);
	}

	/**
	 * Connect with the given handshake and CONNECT headers, failing the test if the
	 * server refuses.
	 */
	public static StompTestClient connect(int port, WebSocketHttpHeaders http, StompHeaders connect) {
		return connect(CLIENT, port, http, connect);
	}

	/**
	 * Connect with {@code Authorization: Bearer <token>} on a client that can wait for
	 * receipts ({@link #subscribeConfirmed}).
	 */
	public static StompTestClient connectWithReceipts(int port, String token) {
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + token);
		return connect(RECEIPT_CLIENT, port, new WebSocketHttpHeaders(), connect);
	}

	private static StompTestClient connect(WebSocketStompClient client, int port, WebSocketHttpHeaders http,
			StompHeaders connect) {
		Handler handler = new Handler();
		CompletableFuture<StompSession> future = client.connectAsync(url(port), http, connect, handler);
		try {
			StompSession session = future.get(Inbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return new StompTestClient(session, handler);
		}
		catch (Exception ex) {
			StompHeaders error = handler.errors.poll();
			throw new AssertionError("Connection refused: " + ((error != null) ? error.getFirst("message") : ex), ex);
		}
	}

	/**
	 * Try to connect and expect the server to refuse with an ERROR frame.
	 * @return the ERROR frame's {@code message} header
	 */
	public static String refused(int port, WebSocketHttpHeaders http, StompHeaders connect) {
		Handler handler = new Handler();
		CLIENT.connectAsync(url(port), http, connect, handler);
		return handler.awaitError().getFirst("message");
	}

	private static URI url(int port) {
		return URI.create("ws://localhost:" + port + "/ws");
	}

	/**
	 * Subscribe to a destination, with extra STOMP headers given as name/value pairs.
	 */
	public Inbox subscribe(String destination, String... headerPairs) {
		Inbox inbox = new Inbox(destination);
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		for (int i = 0; i < headerPairs.length; i += 2) {
			headers.set(headerPairs[i], headerPairs[i + 1]);
		}
		this.subscriptions.put(destination, this.session.subscribe(headers, new JsonFrames(inbox)));
		return inbox;
	}

	/**
	 * Join a room: subscribe to its topic, then wait for the member list, which proves
	 * the subscription is active (a connection's frames are handled in order).
	 */
	public Inbox join(String room) {
		Inbox events = subscribe("/topic/rooms." + room);
		members(room);
		return events;
	}

	/**
	 * Subscribe with a receipt request and wait for the RECEIPT, which the server sends
	 * once the subscription is in place.
	 */
	public Inbox subscribeConfirmed(String destination) {
		Inbox inbox = new Inbox(destination);
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setReceipt("r-" + UUID.randomUUID());
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		StompSession.Subscription subscription = this.session.subscribe(headers, new JsonFrames(inbox));
		subscription.addReceiptTask(() -> receipt.complete(null));
		subscription.addReceiptLostTask(() -> receipt.completeExceptionally(new AssertionError("No receipt")));
		this.subscriptions.put(destination, subscription);
		try {
			receipt.get(Inbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("No RECEIPT for the subscription to " + destination, ex);
		}
		return inbox;
	}

	/**
	 * Join a room with {@code since-seq} and wait for the end of the catch-up, which
	 * proves the subscription is active at the broker, even at a relayed one.
	 * @param since the last sequence number already seen
	 */
	public Inbox joinSince(String room, long since) {
		Inbox events = subscribe("/topic/rooms." + room, "since-seq", Long.toString(since));
		events.nextOfType("recovery");
		return events;
	}

	/**
	 * Ask for the users in a room now.
	 */
	@SuppressWarnings("unchecked")
	public List<String> members(String room) {
		String destination = "/app/rooms/" + room + "/members";
		Inbox reply = subscribe(destination);
		Map<String, Object> members = reply.next();
		this.subscriptions.remove(destination).unsubscribe();
		return (List<String>) members.get("users");
	}

	/**
	 * Wait until the server has handled every frame this client sent so far (a
	 * connection's frames are handled in order, and the member list is a reply).
	 */
	public void sync() {
		members("sync");
	}

	public void unsubscribe(String destination) {
		this.subscriptions.remove(destination).unsubscribe();
	}

	/**
	 * SEND a JSON payload with extra STOMP headers given as name/value pairs.
	 */
	public void send(String destination, Object payload, String... headerPairs) {
		sendRaw(destination, JSON.writeValueAsBytes(payload), headerPairs);
	}

	/**
	 * SEND an arbitrary body as {@code application/json}.
	 */
	public void sendRaw(String destination, byte[] body, String... headerPairs) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.set("content-type", "application/json");
		for (int i = 0; i < headerPairs.length; i += 2) {
			headers.set(headerPairs[i], headerPairs[i + 1]);
		}
		this.session.send(headers, body);
	}

	/**
	 * Wait for the ERROR frame that ends this connection.
	 */
	public StompHeaders awaitError() {
		return this.handler.awaitError();
	}

	public boolean isConnected() {
		return this.session.isConnected();
	}

	@Override
	public void close() {
		try {
			if (this.session.isConnected()) {
				this.session.disconnect();
			}
		}
		catch (MessageDeliveryException ex) {
			// the server closed the connection meanwhile, for example after an ERROR
			// frame
		}
	}

	private static final class Handler extends StompSessionHandlerAdapter {

		private final LinkedBlockingQueue<StompHeaders> errors = new LinkedBlockingQueue<>();

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			this.errors.add(headers);
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			throw new IllegalStateException(exception);
		}

		StompHeaders awaitError() {
			try {
				StompHeaders error = this.errors.poll(Inbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				if (error == null) {
					fail("No ERROR frame within " + Inbox.TIMEOUT);
				}
				return error;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	private record JsonFrames(Inbox inbox) implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			this.inbox.add(JSON.readValue((byte[]) payload, new TypeReference<Map<String, Object>>() {
			}));
		}

	}

}
