package dev.switchboard.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import dev.switchboard.support.TestDatabase;
import dev.switchboard.system.StompErrorHandler;
import dev.switchboard.websocket.BroadcastFanout;
import dev.switchboard.websocket.StompSessions;
import dev.switchboard.websocket.WebSocketConnections;
import dev.switchboard.websocket.WebSocketProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the catch-up ({@link CatchupSubscriptions}, {@link CatchupReplay},
 * {@link CatchupHoldBack}): hand-built SUBSCRIBE frames with {@code since-seq}, live
 * frames arriving before, during and after the catch-up, and a real database.
 */
class CatchupTests {

	private final CapturingChannel outbound = new CapturingChannel();

	private final SimpleBrokerMessageHandler broker = new SimpleBrokerMessageHandler(new CapturingChannel(),
			this.outbound, new CapturingChannel(), List.of("/topic"));

	private MessageRepository messages;

	private DataSize sendBufferLimit = DataSize.ofKilobytes(512);

	private BroadcastFanout fanout;

	@BeforeEach
	void setUp() {
		JdbcClient jdbc = TestDatabase.create();
		jdbc.sql("insert into rooms (name, visibility) values ('r', 'PUBLIC')").update();
		this.messages = new MessageRepository(jdbc);
		for (int i = 1; i <= 5; i++) {
			this.messages.append("r", "alice", "m" + i, null, Instant.now());
		}
	}

	@Test
	void replaysMissedMessagesThenTheMarker() {
		CatchupSubscriptions recovery = recovery(10000);
		subscribe(recovery, "2");
		assertThat(delivered()).containsExactly("seq 3", "seq 4", "seq 5", "recovery true 3 last 5");
	}

	@Test
	void liveFramesDuringTheCatchUpAreHeldAndOnlyNewOnesReleasedAfterIt() {
		CatchupSubscriptions recovery = recovery(10000);
		Message<byte[]> subscribe = subscribeFrame("2");
		assertThat(recovery.preSend(subscribe, null)).isSameAs(subscribe);
		this.outbound.send(live(5));
		this.outbound.send(live(6));
		assertThat(this.outbound.messages()).as("held back").isEmpty();

		recovery.afterMessageHandled(subscribe, null, this.broker, null);

		assertThat(delivered()).containsExactly("seq 3", "seq 4", "seq 5", "recovery true 3 last 5", "seq 6");
	}

	@Test
	void subscriptionTakesTheHoldBacksPathFromSubscribeUntilItsFirstLiveFrame() {
		CatchupSubscriptions recovery = recovery(10000);
		assertThat(this.fanout.takesStandardPath("session-1", "sub-1")).isFalse();
		Message<byte[]> subscribe = subscribeFrame("2");
		recovery.preSend(subscribe, null);
		assertThat(this.fanout.takesStandardPath("session-1", "sub-1")).as("before the broker registers it").isTrue();

		recovery.afterMessageHandled(subscribe, null, this.broker, null);
		assertThat(this.fanout.takesStandardPath("session-1", "sub-1")).as("caught up, no live frame yet").isTrue();

		this.outbound.send(live(6));
		assertThat(this.fanout.takesStandardPath("session-1", "sub-1")).isFalse();
		assertThat(this.fanout.takesStandardPath("session-1", "other")).isFalse();
	}

	@Test
	void roomThatOutrunsTheCatchUpByMoreThanASendBufferIsNotHeldWithoutBound() {
		this.sendBufferLimit = DataSize.ofBytes(100);
		CatchupSubscriptions recovery = recovery(10000);
		Message<byte[]> subscribe = subscribeFrame("2");
		recovery.preSend(subscribe, null);
		for (long seq = 6; seq <= 20; seq++) {
			this.outbound.send(live(seq));
		}
		recovery.afterMessageHandled(subscribe, null, this.broker, null);
		assertThat(delivered()).as("nothing after the cut: the client resumes after reconnecting").isEmpty();
	}

	@Test
	void newerLiveFrameCannotOvertakeHeldFramesBeingReleased() {
		CatchupSubscriptions recovery = recovery(10000);
		Message<byte[]> subscribe = subscribeFrame("2");
		recovery.preSend(subscribe, null);
		this.outbound.send(live(6));
		this.outbound.send(live(7));
		// A broadcaster that reaches the interceptor while held frames are released.
		this.outbound.addInterceptor(new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				if (Catchup.seqOf(message) == 6) {
					Thread other = new Thread(() -> CatchupTests.this.outbound.send(live(8)));
					other.start();
					await().until(() -> other.getState() == Thread.State.BLOCKED || !other.isAlive());
				}
				return message;
			}
		});
		recovery.afterMessageHandled(subscribe, null, this.broker, null);
		await().until(() -> this.outbound.messages().size() == 7);
		assertThat(delivered()).containsExactly("seq 3", "seq 4", "seq 5", "recovery true 3 last 5", "seq 6", "seq 7",
				"seq 8");
	}

	@Test
	void liveFrameStoredBeforeTheCatchUpButBroadcastAfterItIsDropped() {
		CatchupSubscriptions recovery = recovery(10000);
		subscribe(recovery, "2");
		this.outbound.clear();
		this.outbound.send(live(5));
		this.outbound.send(live(6));
		this.outbound.send(live(7));
		assertThat(delivered()).containsExactly("seq 6", "seq 7");
	}

	@Test
	void tooManyMissedMessagesAreNotReplayed() {
		CatchupSubscriptions recovery = recovery(2);
		subscribe(recovery, "1");
		assertThat(delivered()).containsExactly("recovery false 0 last 5");
	}

	@Test
	void clientAheadOfTheServerIsToldToReload() {
		CatchupSubscriptions recovery = recovery(10000);
		subscribe(recovery, "9");
		assertThat(delivered()).containsExactly("recovery false 0 last 5");
	}

	@Test
	void invalidSinceSeqEndsTheConnectionWithAnErrorFrame() {
		CatchupSubscriptions recovery = recovery(10000);
		assertThat(recovery.preSend(subscribeFrame("yesterday"), null)).isNull();
		assertThat(StompHeaderAccessor.wrap(this.outbound.single()).getCommand()).isEqualTo(StompCommand.ERROR);
	}

	@Test
	void anUnsubscribeStopsARunningCatchUp() {
		CatchupSubscriptions recovery = recovery(10000);
		this.outbound.addInterceptor(new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				if (Catchup.seqOf(message) == 2) {
					recovery.preSend(StompMessages.frame(StompCommand.UNSUBSCRIBE).subscription("sub-1").build(), null);
				}
				return message;
			}
		});
		subscribe(recovery, "0");
		assertThat(delivered()).containsExactly("seq 1", "seq 2");
	}

	@Test
	void aConnectionsCatchUpsTakeTurnsBeyondTheConcurrencyLimit() {
		CatchupSubscriptions recovery = recovery(10000, 1);
		Message<byte[]> second = subscribeFrame("sub-2", "3");
		this.outbound.addInterceptor(new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				if (Catchup.seqOf(message) == 3) {
					// The second subscription arrives while the first is being sent.
					recovery.preSend(second, null);
					recovery.afterMessageHandled(second, null, CatchupTests.this.broker, null);
				}
				return message;
			}
		});
		subscribe(recovery, "2");
		assertThat(this.outbound.messages()
			.stream()
			.map((message) -> SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders())))
			.containsExactly("sub-1", "sub-1", "sub-1", "sub-1", "sub-2", "sub-2", "sub-2");
		assertThat(delivered()).containsExactly("seq 3", "seq 4", "seq 5", "recovery true 3 last 5", "seq 4", "seq 5",
				"recovery true 2 last 5");
	}

	private void subscribe(CatchupSubscriptions recovery, String since) {
		Message<byte[]> subscribe = subscribeFrame(since);
		assertThat(recovery.preSend(subscribe, null)).isSameAs(subscribe);
		recovery.afterMessageHandled(subscribe, null, this.broker, null);
	}

	private List<String> delivered() {
		JsonMapper json = JsonMapper.builder().build();
		return this.outbound.messages().stream().map((message) -> {
			JsonNode event = json.readTree((byte[]) message.getPayload());
			if ("message".equals(event.get("type").asString())) {
				assertThat(
						NativeMessageHeaderAccessor.getFirstNativeHeader(ChatService.SEQ_HEADER, message.getHeaders()))
					.as("seq header")
					.isEqualTo(event.get("seq").asString());
				return "seq " + event.get("seq").asLong();
			}
			return "recovery " + event.get("recovered").asBoolean() + " " + event.get("replayed").asInt() + " last "
					+ event.get("lastSeq").asLong();
		}).toList();
	}

	private static Message<byte[]> subscribeFrame(String since) {
		return subscribeFrame("sub-1", since);
	}

	private static Message<byte[]> subscribeFrame(String subscriptionId, String since) {
		return StompMessages.frame(StompCommand.SUBSCRIBE)
			.user("bob")
			.subscription(subscriptionId)
			.destination("/topic/rooms.r")
			.header(CatchupSubscriptions.SINCE_SEQ_HEADER, since)
			.build();
	}

	private static Message<byte[]> live(long seq) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setSessionId("session-1");
		accessor.setSubscriptionId("sub-1");
		accessor.setDestination("/topic/rooms.r");
		accessor.setNativeHeader(ChatService.SEQ_HEADER, Long.toString(seq));
		byte[] payload = ("{\"type\":\"message\",\"seq\":" + seq + "}").getBytes();
		return MessageBuilder.createMessage(payload, accessor.getMessageHeaders());
	}

	private CatchupSubscriptions recovery(int maxMessages) {
		return recovery(maxMessages, 2);
	}

	private CatchupSubscriptions recovery(int maxMessages, int concurrency) {
		JsonMapper json = JsonMapper.builder().build();
		WebSocketProperties transport = new WebSocketProperties(List.of(), Duration.ofSeconds(10),
				Duration.ofSeconds(10), DataSize.ofKilobytes(64), this.sendBufferLimit, Duration.ofSeconds(10),
				List.of(), DataSize.ofKilobytes(1), false, Duration.ofSeconds(10), DataSize.ofKilobytes(8));
		WebSocketConnections connections = new WebSocketConnections(transport);
		this.fanout = new BroadcastFanout(new StompSessions());
		Catchups catchups = new Catchups(this.fanout);
		CatchupReplay replay = new CatchupReplay(catchups, this.messages,
				new ChatProperties(4000, maxMessages, Duration.ofHours(24), concurrency), json, this.outbound,
				connections, Runnable::run);
		CatchupSubscriptions recovery = new CatchupSubscriptions(catchups, replay,
				new StompErrorHandler(json, this.outbound));
		this.outbound.addInterceptor(new CatchupHoldBack(catchups, connections));
		return recovery;
	}

}
