package dev.switchboard.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.cluster.ClusterProperties;
import dev.switchboard.cluster.DestinationBound;
import dev.switchboard.cluster.DestinationUnbound;
import dev.switchboard.cluster.MessagesMissed;
import dev.switchboard.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RoomSequencer} on a broker channel of its own, with hand-built
 * broadcasts and the rooms' messages in an embedded database.
 */
class RoomSequencerTests {

	private static final String TOPIC = "/topic/rooms.r";

	private ExecutorSubscribableChannel brokerChannel;

	private final List<String> delivered = new CopyOnWriteArrayList<>();

	private MessageRepository messages;

	private RoomSequencer sequencer;

	@BeforeEach
	void setUp() {
		JdbcClient jdbc = TestDatabase.create();
		jdbc.sql("insert into rooms (name, visibility) values ('r', 'PUBLIC')").update();
		this.messages = new MessageRepository(jdbc);
		store(5);
		start(Duration.ofHours(1)); // no gap is filled from the database unless a test
									// asks
	}

	private void start(Duration gapWait) {
		if (this.sequencer != null) {
			this.sequencer.destroy();
		}
		this.brokerChannel = new ExecutorSubscribableChannel();
		this.sequencer = new RoomSequencer(this.messages, JsonMapper.builder().build(), this.brokerChannel,
				new ClusterProperties(true, "x", Duration.ofSeconds(5), gapWait, Duration.ofSeconds(1)));
		this.brokerChannel.addInterceptor(this.sequencer);
		this.brokerChannel.subscribe(new Broker());
		this.sequencer.bound(new DestinationBound(TOPIC));
	}

	@AfterEach
	void stop() {
		this.sequencer.destroy();
	}

	@Test
	void messagesInSequenceGoOnAtOnce() {
		send(6);
		send(7);
		assertThat(this.delivered).containsExactly("seq 6", "seq 7");
	}

	@Test
	void anEarlyMessageWaitsForTheOneBeforeIt() {
		send(7);
		send(8);
		assertThat(this.delivered).isEmpty();
		send(6);
		assertThat(this.delivered).containsExactly("seq 6", "seq 7", "seq 8");
	}

	@Test
	void aMessageAlreadyDeliveredIsDropped() {
		send(6);
		send(6);
		send(5);
		assertThat(this.delivered).containsExactly("seq 6");
	}

	@Test
	void aGapIsFilledFromTheDatabaseAfterTheWait() {
		start(Duration.ofMillis(50));
		store(2); // seq 6 and 7, never broadcast to this instance
		send(7);
		await().until(() -> this.delivered.size() == 2);
		assertThat(this.delivered).containsExactly("stored 6", "seq 7");
		send(7);
		assertThat(this.delivered).as("the broadcast of a message read from storage is dropped").hasSize(2);
	}

	@Test
	void whenMessagesMayHaveBeenMissedTheRoomIsCaughtUpFromTheDatabase() {
		store(3);
		this.sequencer.missed(new MessagesMissed(Set.of(TOPIC, "/topic/rooms.other")));
		await().until(() -> this.delivered.size() == 3);
		send(8);
		send(9);
		assertThat(this.delivered).containsExactly("stored 6", "stored 7", "stored 8", "seq 9");
	}

	@Test
	void eventsWithoutSeqAndRoomsThisInstanceDoesNotReceivePassAsTheyAre() {
		this.brokerChannel.send(broadcast(TOPIC, null));
		this.brokerChannel.send(broadcast("/topic/rooms.other", 42L));
		this.sequencer.unbound(new DestinationUnbound(TOPIC));
		send(9);
		assertThat(this.delivered).containsExactly("no seq", "seq 42", "seq 9");
	}

	private void store(int count) {
		for (int i = 0; i < count; i++) {
			this.messages.append("r", "alice", "stored", null, Instant.now());
		}
	}

	private void send(long seq) {
		this.brokerChannel.send(broadcast(TOPIC, seq));
	}

	private static Message<byte[]> broadcast(String destination, Long seq) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setDestination(destination);
		if (seq != null) {
			accessor.setNativeHeader(ChatService.SEQ_HEADER, seq.toString());
		}
		return MessageBuilder.createMessage("live".getBytes(), accessor.getMessageHeaders());
	}

	/**
	 * The in-memory broker, noting what it is handed.
	 */
	private final class Broker extends SimpleBrokerMessageHandler {

		Broker() {
			super(new ExecutorSubscribableChannel(), new ExecutorSubscribableChannel(),
					new ExecutorSubscribableChannel(), List.of("/topic"));
		}

		@Override
		public void handleMessage(Message<?> message) {
			String seq = NativeMessageHeaderAccessor.getFirstNativeHeader(ChatService.SEQ_HEADER, message.getHeaders());
			String payload = new String((byte[]) message.getPayload());
			RoomSequencerTests.this.delivered
				.add((seq == null) ? "no seq" : (payload.equals("live") ? "seq " : "stored ") + seq);
		}

	}

}
