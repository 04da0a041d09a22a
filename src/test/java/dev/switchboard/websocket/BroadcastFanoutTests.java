package dev.switchboard.websocket;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.websocket.WebSocketProperties;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BroadcastFanout} in front of a real in-memory broker, with container
 * sessions that record what is written to them.
 */
class BroadcastFanoutTests {

	private static final String TOPIC = "/topic/rooms.lobby";

	/** A frame whose write blocks until {@link #release} (others complete at once). */
	private static final String BLOCKING_FRAME = "block-me";

	private final CountDownLatch writing = new CountDownLatch(1);

	/** Writes of a blocking frame waiting for {@link #release} now. */
	private final AtomicInteger blockedWrites = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	private final WebSocketConnections connections = new WebSocketConnections(
			new WebSocketProperties(List.of(), Duration.ofSeconds(10), Duration.ofSeconds(10), DataSize.ofKilobytes(64),
					DataSize.ofKilobytes(512), Duration.ofSeconds(10), List.of(), DataSize.ofKilobytes(1), false,
					Duration.ofSeconds(10), DataSize.ofKilobytes(8)));

	private final StompSessions stompSessions = new StompSessions();

	private final BroadcastFanout fanout = new BroadcastFanout(this.stompSessions);

	private final ExecutorSubscribableChannel clientInbound = new ExecutorSubscribableChannel();

	private final CapturingChannel clientOutbound = new CapturingChannel();

	private final ExecutorSubscribableChannel brokerChannel = new ExecutorSubscribableChannel();

	private final SimpleBrokerMessageHandler broker = new SimpleBrokerMessageHandler(this.clientInbound,
			this.clientOutbound, this.brokerChannel, List.of("/topic", "/queue"));

	private final SubProtocolWebSocketHandler stompHandler = stompHandler();

	private final WebSocketHandler stompEndpoint = this.connections.decorate(this.stompHandler);

	private final WebSocketHandler otherEndpoint = this.connections.decorate(new AbstractWebSocketHandler() {
	});

	/** The helper thread of the fan-outs that split broadcasts. */
	private final ThreadPoolExecutor helper = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>());

	/** session id → the texts written to it. */
	private final Map<String, List<String>> written = new ConcurrentHashMap<>();

	@BeforeEach
	void start() {
		this.brokerChannel.addInterceptor(this.fanout);
		this.broker.start();
	}

	@AfterEach
	void stop() {
		this.stompHandler.stop();
		this.broker.stop();
		this.connections.destroy();
		this.helper.shutdownNow();
	}

	@Test
	void everySubscriberGetsTheSameFrameEncodedOnce() throws Exception {
		String a = open();
		String b = open();
		String c = open();
		subscribe(a, "sub-0", TOPIC);
		subscribe(b, "sub-0", TOPIC);
		subscribe(c, "sub-0", TOPIC);

		broadcast(TOPIC, "{\"text\":\"hé\"}", Map.of("seq", "7"));

		List<String> frames = List.of(only(a), only(b), only(c));
		assertThat(frames.get(0)).isSameAs(frames.get(1)).isSameAs(frames.get(2));
		Message<byte[]> frame = decode(frames.get(0));
		StompHeaderAccessor headers = StompHeaderAccessor.wrap(frame);
		assertThat(headers.getCommand()).isEqualTo(StompCommand.MESSAGE);
		assertThat(headers.getSubscriptionId()).isEqualTo("sub-0");
		assertThat(headers.getDestination()).isEqualTo(TOPIC);
		assertThat(headers.getFirstNativeHeader("seq")).isEqualTo("7");
		assertThat(headers.getFirstNativeHeader("content-type")).isEqualTo("application/json");
		assertThat(headers.getMessageId()).isNotBlank();
		assertThat(new String(frame.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hé\"}");
		assertThat(this.clientOutbound.messages()).isEmpty();
		assertThat(this.fanout.written()).isEqualTo(3);
	}

	@Test
	void eachSubscriptionIdGetsItsOwnFrame() throws Exception {
		String a = open();
		String b = open();
		subscribe(a, "one", TOPIC);
		subscribe(a, "two:\\", "/topic/rooms.*");
		subscribe(b, "three", TOPIC);

		broadcast(TOPIC, "{}", Map.of());

		assertThat(this.written.get(a)).hasSize(2)
			.map((text) -> StompHeaderAccessor.wrap(decode(text)).getSubscriptionId())
			.containsExactlyInAnyOrder("one", "two:\\");
		assertThat(StompHeaderAccessor.wrap(decode(only(b))).getSubscriptionId()).isEqualTo("three");
		assertThat(this.written.get(a)).map((text) -> StompHeaderAccessor.wrap(decode(text)).getMessageId())
			.containsOnly(StompHeaderAccessor.wrap(decode(only(b))).getMessageId());
	}

	@Test
	void excludedConnectionGetsNothingAndOthersDoNotSeeTheHeader() throws Exception {
		String sender = open();
		String other = open();
		subscribe(sender, "s", TOPIC);
		subscribe(other, "s", TOPIC);

		broadcast(TOPIC, "{}", ExcludeSelfInterceptor.excluding(sender));

		assertThat(this.written.get(sender)).isEmpty();
		assertThat(only(other)).doesNotContain(ExcludeSelfInterceptor.EXCLUDE_HEADER);
		assertThat(this.clientOutbound.messages()).isEmpty();
	}

	@Test
	void claimedSubscriptionTakesTheOutboundChannelWithItsOwnHeaders() throws Exception {
		String catchingUp = open();
		String live = open();
		subscribe(catchingUp, "s", TOPIC);
		subscribe(live, "s", TOPIC);
		Set<String> claimed = ConcurrentHashMap.newKeySet();
		claimed.add(catchingUp + "/s");
		this.fanout.standardPathFor((sessionId, subscriptionId) -> claimed.contains(sessionId + '/' + subscriptionId));

		broadcast(TOPIC, "{}", Map.of("seq", "3"));

		assertThat(this.written.get(catchingUp)).isEmpty();
		assertThat(this.written.get(live)).hasSize(1);
		Message<?> copy = this.clientOutbound.single();
		assertThat(SimpMessageHeaderAccessor.getSessionId(copy.getHeaders())).isEqualTo(catchingUp);
		assertThat(SimpMessageHeaderAccessor.getSubscriptionId(copy.getHeaders())).isEqualTo("s");
		assertThat(StompHeaderAccessor.wrap(copy).getFirstNativeHeader("seq")).isEqualTo("3");

		claimed.clear();
		this.clientOutbound.clear();
		broadcast(TOPIC, "{}", Map.of("seq", "4"));
		assertThat(this.written.get(catchingUp)).hasSize(1);
		assertThat(this.clientOutbound.messages()).isEmpty();
	}

	@Test
	void connectionOfAnotherEndpointTakesTheOutboundChannel() throws Exception {
		String stomp = open();
		String raw = open(this.otherEndpoint);
		subscribe(stomp, "s", TOPIC);
		subscribe(raw, "r", TOPIC);

		broadcast(TOPIC, "{}", ExcludeSelfInterceptor.excluding(stomp));
		broadcast(TOPIC, "{}", Map.of());

		assertThat(this.written.get(stomp)).hasSize(1);
		assertThat(this.written.get(raw)).isEmpty();
		assertThat(this.clientOutbound.messages()).hasSize(2)
			.allSatisfy((copy) -> assertThat(SimpMessageHeaderAccessor.getSessionId(copy.getHeaders())).isEqualTo(raw));
	}

	@Test
	void binaryBroadcastKeepsTheBrokersOwnPath() throws Exception {
		String a = open();
		SimpMessageHeaderAccessor connect = SimpMessageHeaderAccessor.create(SimpMessageType.CONNECT);
		connect.setSessionId(a);
		this.clientInbound.send(MessageBuilder.createMessage(new byte[0], connect.getMessageHeaders()));
		subscribe(a, "s", TOPIC);
		this.clientOutbound.clear();
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setDestination(TOPIC);
		accessor.setContentType(MimeTypeUtils.APPLICATION_OCTET_STREAM);

		this.brokerChannel.send(MessageBuilder.createMessage(new byte[] { 1, 2 }, accessor.getMessageHeaders()));

		assertThat(this.written.get(a)).isEmpty();
		assertThat(this.clientOutbound.single().getPayload()).isEqualTo(new byte[] { 1, 2 });
	}

	@Test
	void broadcastToNoSubscriberWritesNothing() {
		String a = open();
		subscribe(a, "s", "/topic/rooms.other");

		broadcast(TOPIC, "{}", Map.of());

		assertThat(this.written.get(a)).isEmpty();
		assertThat(this.clientOutbound.messages()).isEmpty();
	}

	@Test
	void frameCannotOvertakeOneThatSpringsHandlerLeftInItsBuffer() throws Exception {
		this.stompHandler.start();
		String a = open();
		subscribe(a, "s", TOPIC);
		// Another thread is writing through Spring's session decorator: a frame Spring's
		// handler sends meanwhile waits in the decorator's buffer for that thread.
		CompletableFuture<Void> other = CompletableFuture
			.runAsync(() -> this.clientOutbound.send(frameFor(a, BLOCKING_FRAME)));
		assertThat(this.writing.await(10, TimeUnit.SECONDS)).isTrue();
		this.clientOutbound.send(frameFor(a, "waiting"));

		broadcast(TOPIC, "{\"after\":true}", Map.of());
		this.release.countDown();
		other.get(10, TimeUnit.SECONDS);

		List<String> texts = this.written.get(a);
		assertThat(texts).hasSize(3);
		assertThat(texts.get(0)).contains(BLOCKING_FRAME);
		assertThat(texts.get(1)).contains("waiting");
		assertThat(texts.get(2)).contains("{\"after\":true}");
	}

	@Test
	void largeBroadcastIsWrittenByTwoThreadsAtOnceAndReturnsWhenAllIsWritten() throws Exception {
		BroadcastFanout split = useFanout(new BroadcastFanout(this.stompSessions, this.helper, 2, 3));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ids.add(open());
			subscribe(ids.get(i), "sub-0", TOPIC);
		}

		CompletableFuture<Void> broadcast = CompletableFuture
			.runAsync(() -> broadcast(TOPIC, "{\"text\":\"" + BLOCKING_FRAME + "\"}", Map.of()));

		// The caller's first write blocks; only a helper can be writing the other part.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.blockedWrites.get() == 2);
		assertThat(broadcast).as("not returned while a part is unwritten").isNotDone();
		this.release.countDown();
		broadcast.get(10, TimeUnit.SECONDS);
		for (String id : ids) {
			assertThat(this.written.get(id)).hasSize(1);
		}
		assertThat(split.written()).isEqualTo(8);
	}

	@Test
	void largeBroadcastsWrittenInPartsReachEachConnectionInOrder() {
		BroadcastFanout split = useFanout(new BroadcastFanout(this.stompSessions, this.helper, 2, 3));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			ids.add(open());
			subscribe(ids.get(i), "sub-0", TOPIC);
		}
		List<String> expected = new ArrayList<>();
		for (int n = 0; n < 50; n++) {
			broadcast(TOPIC, "{\"n\":" + n + "}", Map.of());
			expected.add("{\"n\":" + n + "}");
		}

		for (String id : ids) {
			assertThat(this.written.get(id))
				.map((text) -> new String(decode(text).getPayload(), StandardCharsets.UTF_8))
				.containsExactlyElementsOf(expected);
		}
		assertThat(split.written()).isEqualTo(9 * 50);
	}

	@Test
	void broadcastBelowTheSplitSizeIsWrittenByItsCaller() {
		BroadcastFanout split = useFanout(new BroadcastFanout(this.stompSessions, this.helper, 2, 3));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(open());
			subscribe(ids.get(i), "sub-0", TOPIC);
		}

		broadcast(TOPIC, "{}", Map.of());

		assertThat(this.helper.getTaskCount()).as("parts handed to the helper").isZero();
		assertThat(split.written()).isEqualTo(5);
		for (String id : ids) {
			assertThat(this.written.get(id)).hasSize(1);
		}
	}

	private BroadcastFanout useFanout(BroadcastFanout fanout) {
		this.brokerChannel.setInterceptors(List.of(fanout));
		return fanout;
	}

	@Test
	void headerValuesAreEscapedAsStompRequires() {
		assertThat(BroadcastFanout.escape("plain")).isEqualTo("plain");
		assertThat(BroadcastFanout.escape("a:b\\c\nd\re")).isEqualTo("a\\cb\\\\c\\nd\\re");
	}

	private void broadcast(String destination, String json, Map<String, Object> nativeHeaders) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setDestination(destination);
		accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
		nativeHeaders.forEach((name, value) -> accessor.setNativeHeader(name, value.toString()));
		this.brokerChannel
			.send(MessageBuilder.createMessage(json.getBytes(StandardCharsets.UTF_8), accessor.getMessageHeaders()));
	}

	private void subscribe(String sessionId, String subscriptionId, String destination) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.SUBSCRIBE);
		accessor.setSessionId(sessionId);
		accessor.setSubscriptionId(subscriptionId);
		accessor.setDestination(destination);
		this.clientInbound.send(MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders()));
	}

	/**
	 * A message as the broker sends it to one subscriber through the outbound channel.
	 */
	private static Message<byte[]> frameFor(String sessionId, String body) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setSessionId(sessionId);
		accessor.setSubscriptionId("s");
		accessor.setDestination(TOPIC);
		return MessageBuilder.createMessage(body.getBytes(StandardCharsets.UTF_8), accessor.getMessageHeaders());
	}

	private String only(String sessionId) {
		assertThat(this.written.get(sessionId)).hasSize(1);
		return this.written.get(sessionId).get(0);
	}

	private static Message<byte[]> decode(String text) {
		List<Message<byte[]>> frames = new StompDecoder()
			.decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
		assertThat(frames).hasSize(1);
		return frames.get(0);
	}

	private SubProtocolWebSocketHandler stompHandler() {
		SubProtocolWebSocketHandler handler = new StompWebSocketHandler(this.clientInbound, this.clientOutbound,
				this.stompSessions);
		handler.setDefaultProtocolHandler(new StompSubProtocolHandler());
		return handler;
	}

	/**
	 * Open a connection to an endpoint, whose container session completes every write at
	 * once.
	 */
	private String open() {
		return open(this.stompEndpoint);
	}

	private String open(WebSocketHandler endpoint) {
		List<String> texts = new CopyOnWriteArrayList<>();
		RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { RemoteEndpoint.Async.class }, (proxy, method, args) -> {
					if (method.getName().equals("sendText")) {
						texts.add((String) args[0]);
						if (((String) args[0]).contains(BLOCKING_FRAME)) {
							this.writing.countDown();
							this.blockedWrites.incrementAndGet();
							this.release.await();
							this.blockedWrites.decrementAndGet();
						}
						((SendHandler) args[1]).onResult(new SendResult());
					}
					return null;
				});
		Session nativeSession = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Session.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getAsyncRemote" -> remote;
					case "isOpen" -> true;
					case "getMaxTextMessageBufferSize", "getMaxBinaryMessageBufferSize" -> 1024;
					default -> null;
				});
		StandardWebSocketSession session = new StandardWebSocketSession(new HttpHeaders(), new HashMap<>(), null, null);
		session.initializeNativeSession(nativeSession);
		this.written.put(session.getId(), texts);
		try {
			endpoint.afterConnectionEstablished(session);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return session.getId();
	}

}
