package dev.switchboard.presence;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PresenceTracker} with hand-built SUBSCRIBE and UNSUBSCRIBE frames.
 */
class PresenceTrackerTests {

	private final CapturingChannel broker = new CapturingChannel();

	private final SimpleBrokerMessageHandler brokerHandler = new SimpleBrokerMessageHandler(new CapturingChannel(),
			new CapturingChannel(), this.broker, List.of("/topic"));

	private final PresenceTracker tracker = new PresenceTracker(new PresenceAnnouncer(template(), null, Duration.ZERO),
			new InMemoryPresenceLedger());

	@Test
	void firstSubscriptionOfAUserAnnouncesTheJoinToOthers() {
		connect("s1");
		subscribe("s1", "sub-1", "alice", "/topic/rooms.lobby");

		assertThat(this.tracker.members("lobby", null)).containsExactly("alice");
		Message<?> joined = this.broker.single();
		assertThat(new String((byte[]) joined.getPayload()))
			.isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"user\":\"alice\",\"state\":\"joined\"}");
		assertThat(nativeHeaders(joined)).containsEntry("x-exclude-connection", List.of("s1"));
	}

	@Test
	void onlyTheLastSubscriptionOfAUserAnnouncesTheLeave() {
		connect("s1");
		connect("s2");
		subscribe("s1", "sub-1", "alice", "/topic/rooms.lobby");
		subscribe("s2", "sub-1", "alice", "/topic/rooms.lobby");
		assertThat(this.broker.messages()).hasSize(1);

		unsubscribe("s1", "sub-1");
		assertThat(this.broker.messages()).hasSize(1);
		assertThat(this.tracker.subscriptions("lobby", "alice")).isEqualTo(1);

		disconnect("s2");
		assertThat(this.broker.messages()).hasSize(2);
		assertThat(new String((byte[]) this.broker.messages().get(1).getPayload())).contains("\"state\":\"left\"");
		assertThat(this.tracker.members("lobby", null)).isEmpty();
	}

	@Test
	void subscriptionsOtherThanRoomsAreIgnored() {
		connect("s1");
		subscribe("s1", "sub-1", "alice", "/user/queue/errors");
		assertThat(this.broker.messages()).isEmpty();
	}

	@Test
	void subscriptionHandledByAnotherHandlerIsNotCounted() {
		connect("s1");
		Message<byte[]> subscribe = StompMessages.frame(StompCommand.SUBSCRIBE)
			.session("s1")
			.subscription("sub-1")
			.user("alice")
			.destination("/topic/rooms.lobby")
			.build();
		this.tracker.afterMessageHandled(subscribe, null, new SimpAnnotationMethodMessageHandler(this.broker,
				new CapturingChannel(), new SimpMessagingTemplate(this.broker)), null);
		assertThat(this.tracker.members("lobby", null)).isEmpty();
	}

	@Test
	void subscriptionOfAClosedConnectionIsIgnored() {
		connect("s1");
		disconnect("s1");
		subscribe("s1", "sub-1", "alice", "/topic/rooms.lobby");
		assertThat(this.tracker.members("lobby", null)).isEmpty();
		assertThat(this.broker.messages()).isEmpty();
	}

	private void connect(String sessionId) {
		this.tracker.connected(
				new SessionConnectEvent(this, StompMessages.frame(StompCommand.CONNECT).session(sessionId).build()));
	}

	private void disconnect(String sessionId) {
		this.tracker.disconnected(new SessionDisconnectEvent(this,
				StompMessages.frame(StompCommand.DISCONNECT).session(sessionId).build(), sessionId,
				CloseStatus.NORMAL));
	}

	private void subscribe(String sessionId, String subscriptionId, String user, String destination) {
		Message<byte[]> message = StompMessages.frame(StompCommand.SUBSCRIBE)
			.session(sessionId)
			.subscription(subscriptionId)
			.user(user)
			.destination(destination)
			.build();
		this.tracker.afterMessageHandled(message, null, this.brokerHandler, null);
	}

	private void unsubscribe(String sessionId, String subscriptionId) {
		Message<byte[]> message = StompMessages.frame(StompCommand.UNSUBSCRIBE)
			.session(sessionId)
			.subscription(subscriptionId)
			.build();
		this.tracker.afterMessageHandled(message, null, this.brokerHandler, null);
	}

	private SimpMessagingTemplate template() {
		SimpMessagingTemplate template = new SimpMessagingTemplate(this.broker);
		template.setMessageConverter(new JacksonJsonMessageConverter());
		return template;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, List<String>> nativeHeaders(Message<?> message) {
		return (Map<String, List<String>>) message.getHeaders().get(NativeMessageHeaderAccessor.NATIVE_HEADERS);
	}

}
