package dev.switchboard.websocket;

import java.util.List;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StubUserRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UserSessionSplitter}: a hand-built message to all of a user's
 * connections becomes one message per connection, each addressed to its session.
 */
class UserSessionSplitterTests {

	private final CapturingChannel brokerChannel = new CapturingChannel();

	@Test
	void aMessageForAUserWithTwoConnectionsBecomesOnePerConnection() {
		UserSessionSplitter splitter = new UserSessionSplitter(users("alice", "s1", "s2"));

		Message<?> first = splitter.preSend(toUser("/user/alice/queue/messages"), this.brokerChannel);

		assertThat(sessionId(first)).isEqualTo("s1");
		assertThat(this.brokerChannel.messages()).singleElement().satisfies((other) -> {
			assertThat(sessionId(other)).isEqualTo("s2");
			assertThat(SimpMessageHeaderAccessor.getDestination(other.getHeaders()))
				.isEqualTo("/user/alice/queue/messages");
		});
	}

	@Test
	void aMessageForOneConnectionOrAnotherDestinationPassesUnchanged() {
		UserSessionSplitter splitter = new UserSessionSplitter(users("alice", "s1", "s2"));
		Message<?> topic = toUser("/topic/rooms.lobby");

		assertThat(splitter.preSend(topic, this.brokerChannel)).isSameAs(topic);
		assertThat(this.brokerChannel.messages()).isEmpty();
	}

	@Test
	void aUserWithOneConnectionKeepsSpringsPath() {
		UserSessionSplitter splitter = new UserSessionSplitter(users("alice", "s1"));
		Message<?> message = toUser("/user/alice/queue/messages");

		assertThat(splitter.preSend(message, this.brokerChannel)).isSameAs(message);
	}

	private static StubUserRegistry users(String name, String... sessionIds) {
		return new StubUserRegistry().add(name, sessionIds);
	}

	private static Message<?> toUser(String destination) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setDestination(destination);
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage("hi", accessor.getMessageHeaders());
	}

	private static String sessionId(Message<?> message) {
		return SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
	}

}
