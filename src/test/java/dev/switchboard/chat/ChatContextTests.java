package dev.switchboard.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import dev.switchboard.support.SwitchboardTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat path through the application context: hand-built frames on the client inbound
 * channel (through security and the controllers), broadcasts captured on the broker
 * channel, messages read back from the database.
 */
@SwitchboardTest(webEnvironment = WebEnvironment.MOCK)
class ChatContextTests {

	@Autowired
	@Qualifier("clientInboundChannel")
	MessageChannel clientInboundChannel;

	@Autowired
	@Qualifier("brokerChannel")
	AbstractSubscribableChannel brokerChannel;

	@Autowired
	JdbcClient jdbc;

	final CapturingChannel broker = new CapturingChannel();

	final ChannelInterceptor capture = new ChannelInterceptor() {
		@Override
		public Message<?> preSend(Message<?> message, MessageChannel channel) {
			ChatContextTests.this.broker.send(message);
			return message;
		}
	};

	String room;

	@BeforeEach
	void setUp() {
		this.brokerChannel.addInterceptor(this.capture);
		this.room = "ctx-" + UUID.randomUUID().toString().substring(0, 8);
		this.clientInboundChannel.send(StompMessages.frame(StompCommand.SUBSCRIBE)
			.user("carol")
			.subscription("sub-1")
			.destination("/topic/rooms." + this.room)
			.build());
		await().until(() -> count("select count(*) from rooms where name = ?") == 1);
	}

	@AfterEach
	void tearDown() {
		this.brokerChannel.removeInterceptor(this.capture);
	}

	@Test
	void messageIsStoredWithItsSequenceNumberAndBroadcast() {
		post("{\"text\":\"stored first\"}", null);

		Message<?> broadcast = awaitBroadcast();
		assertThat(new String((byte[]) broadcast.getPayload())).contains("\"type\":\"message\"")
			.contains("\"seq\":1")
			.contains("\"from\":\"carol\"")
			.contains("\"text\":\"stored first\"");
		assertThat(this.jdbc.sql("select body from messages where room = ? and seq = 1")
			.param(this.room)
			.query(String.class)
			.single()).isEqualTo("stored first");
	}

	@Test
	void excludeSelfNamesTheSendingSessionOnTheBroadcast() {
		post("{\"text\":\"not to me\"}", "true");
		assertThat(nativeHeader(awaitBroadcast(), "x-exclude-connection")).containsExactly("session-1");
	}

	@Test
	void typingIsBroadcastButNeverStored() {
		this.clientInboundChannel.send(StompMessages.frame(StompCommand.SEND)
			.user("carol")
			.destination("/app/rooms/" + this.room + "/typing")
			.json("{}")
			.build());
		assertThat(new String((byte[]) awaitBroadcast().getPayload())).contains("\"type\":\"typing\"");
		assertThat(count("select count(*) from messages where room = ?")).isZero();
	}

	@Test
	void invalidMessageIsNeitherStoredNorBroadcast() {
		post("{\"text\":\"\"}", null);
		await().until(() -> !this.broker.to("/user/carol/queue/errors").isEmpty());
		assertThat(this.broker.to("/topic/rooms." + this.room)).isEmpty();
		assertThat(count("select count(*) from messages where room = ?")).isZero();
	}

	private void post(String json, String excludeSelf) {
		StompMessages.Builder frame = StompMessages.frame(StompCommand.SEND)
			.user("carol")
			.destination("/app/rooms/" + this.room + "/messages")
			.json(json);
		if (excludeSelf != null) {
			frame.header("exclude-self", excludeSelf);
		}
		this.clientInboundChannel.send(frame.build());
	}

	private Message<?> awaitBroadcast() {
		String topic = "/topic/rooms." + this.room;
		await().until(() -> !this.broker.to(topic).isEmpty());
		return this.broker.to(topic).get(0);
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).param(this.room).query(Integer.class).single();
	}

	@SuppressWarnings("unchecked")
	private static List<String> nativeHeader(Message<?> message, String name) {
		return ((Map<String, List<String>>) message.getHeaders().get(NativeMessageHeaderAccessor.NATIVE_HEADERS))
			.get(name);
	}

}
