package dev.switchboard.raw;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.switchboard.support.StompMessages;
import dev.switchboard.support.StubWebSocketSession;
import dev.switchboard.system.ClientErrorException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RawCommands}: raw commands become the frames a STOMP client would
 * send.
 */
class RawCommandsTests {

	private final RawCommands commands = new RawCommands(JsonMapper.builder().build());

	private final RawSession session = new RawSession(new StubWebSocketSession("s-1", StompMessages.user("alice")),
			new ExecutorSubscribableChannel());

	@Test
	void connectCarriesTheHandshakeUserAndIsMarkedAsAuthenticated() {
		StompHeaderAccessor connect = StompHeaderAccessor.wrap(this.commands.connect(this.session));
		assertThat(connect.getCommand()).isEqualTo(StompCommand.CONNECT);
		assertThat(connect.getSessionId()).isEqualTo("s-1");
		assertThat(connect.getUser().getName()).isEqualTo("alice");
		assertThat(connect.getSessionAttributes()).isSameAs(this.session.attributes());
		assertThat(connect.getHeader("switchboardHandshakeAuthenticated")).isEqualTo(true);
		assertThat(connect.toNativeHeaderMap()).doesNotContainKey("switchboardHandshakeAuthenticated");
	}

	@Test
	void theFourPersonalQueuesAreSubscribedWithTheirDestinationsAsIds() {
		assertThat(this.commands.subscribeUserQueues(this.session)).map(StompHeaderAccessor::wrap)
			.allSatisfy((subscribe) -> {
				assertThat(subscribe.getCommand()).isEqualTo(StompCommand.SUBSCRIBE);
				assertThat(subscribe.getSubscriptionId()).isEqualTo(subscribe.getDestination());
			})
			.extracting(StompHeaderAccessor::getDestination)
			.containsExactly("/user/queue/errors", "/user/queue/acks", "/user/queue/messages",
					"/user/queue/invitations");
	}

	@Test
	void joinSubscribesToTheRoomThenAsksForItsMembersOnce() {
		List<StompHeaderAccessor> frames = decode("{\"type\":\"join\",\"room\":\"lobby\",\"sinceSeq\":41}");
		assertThat(frames).extracting(StompHeaderAccessor::getCommand)
			.containsExactly(StompCommand.SUBSCRIBE, StompCommand.SUBSCRIBE, StompCommand.UNSUBSCRIBE);
		assertThat(frames.get(0).getDestination()).isEqualTo("/topic/rooms.lobby");
		assertThat(frames.get(0).getSubscriptionId()).isEqualTo("/topic/rooms.lobby");
		assertThat(frames.get(0).getFirstNativeHeader("since-seq")).isEqualTo("41");
		assertThat(frames.get(1).getDestination()).isEqualTo("/app/rooms/lobby/members");
		assertThat(frames.get(2).getSubscriptionId()).isEqualTo("/app/rooms/lobby/members");
	}

	@Test
	void aRoomIsJoinedOncePerConnectionUntilItIsLeft() {
		decode("{\"type\":\"join\",\"room\":\"lobby\"}");
		assertThatExceptionOfType(ClientErrorException.class)
			.isThrownBy(() -> decode("{\"type\":\"join\",\"room\":\"lobby\"}"))
			.extracting(ClientErrorException::getCode)
			.isEqualTo("bad-request");

		List<StompHeaderAccessor> leave = decode("{\"type\":\"leave\",\"room\":\"lobby\"}");
		assertThat(leave).singleElement().satisfies((unsubscribe) -> {
			assertThat(unsubscribe.getCommand()).isEqualTo(StompCommand.UNSUBSCRIBE);
			assertThat(unsubscribe.getSubscriptionId()).isEqualTo("/topic/rooms.lobby");
		});
		assertThat(decode("{\"type\":\"leave\",\"room\":\"lobby\"}")).as("leaving twice does nothing").isEmpty();
		assertThat(decode("{\"type\":\"join\",\"room\":\"lobby\"}")).hasSize(3);
	}

	@Test
	void sendBecomesASendToTheRoomWithAckIdAndExcludeSelf() {
		Message<byte[]> send = this.commands.decode(command(
				"{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"hi\",\"clientId\":\"c-1\",\"ackId\":\"a1\",\"excludeSelf\":true}"),
				this.session)
			.get(0);
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(send);
		assertThat(accessor.getCommand()).isEqualTo(StompCommand.SEND);
		assertThat(accessor.getDestination()).isEqualTo("/app/rooms/lobby/messages");
		assertThat(accessor.getFirstNativeHeader("ack-id")).isEqualTo("a1");
		assertThat(accessor.getFirstNativeHeader("exclude-self")).isEqualTo("true");
		assertThat(accessor.getContentType().toString()).isEqualTo("application/json");
		assertThat(new String(send.getPayload(), StandardCharsets.UTF_8))
			.isEqualTo("{\"text\":\"hi\",\"clientId\":\"c-1\"}");
	}

	@Test
	void typingAndDirectMessagesGoToTheirDestinations() {
		Message<byte[]> typing = this.commands.decode(command("{\"type\":\"typing\",\"room\":\"lobby\"}"), this.session)
			.get(0);
		assertThat(StompHeaderAccessor.wrap(typing).getDestination()).isEqualTo("/app/rooms/lobby/typing");
		assertThat(new String(typing.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{}");
		assertThat(StompHeaderAccessor.wrap(typing).getFirstNativeHeader("exclude-self")).isNull();

		List<StompHeaderAccessor> direct = decode("{\"type\":\"direct\",\"to\":\"bob\",\"text\":\"psst\"}");
		assertThat(direct.get(0).getDestination()).isEqualTo("/app/users/bob/messages");
	}

	@Test
	void editsAndDeletionsGoToTheMessagesDestinations() {
		Message<byte[]> edit = this.commands
			.decode(command("{\"type\":\"edit\",\"room\":\"lobby\",\"id\":\"m-1\",\"text\":\"fixed\",\"ackId\":\"e\"}"),
					this.session)
			.get(0);
		assertThat(StompHeaderAccessor.wrap(edit).getDestination()).isEqualTo("/app/rooms/lobby/messages/m-1/edit");
		assertThat(StompHeaderAccessor.wrap(edit).getFirstNativeHeader("ack-id")).isEqualTo("e");
		assertThat(new String(edit.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"fixed\"}");
		List<StompHeaderAccessor> delete = decode("{\"type\":\"delete\",\"room\":\"lobby\",\"id\":\"m-1\"}");
		assertThat(delete.get(0).getDestination()).isEqualTo("/app/rooms/lobby/messages/m-1/delete");
	}

	@Test
	void incompleteOrUnknownCommandsAreClientErrors() {
		assertCode("{\"type\":\"edit\",\"room\":\"lobby\",\"id\":\"../../x\",\"text\":\"hi\"}", "bad-request");
		assertCode("{\"type\":\"delete\",\"room\":\"lobby\"}", "bad-request");
		assertCode("{\"type\":\"send\",\"room\":\"../topic/x\",\"text\":\"hi\"}", "invalid-room");
		assertCode("{\"type\":\"join\"}", "invalid-room");
		assertCode("{\"type\":\"direct\",\"to\":\"a/b\",\"text\":\"hi\"}", "bad-request");
		assertCode("{\"type\":\"shout\"}", "bad-request");
		assertCode("{\"room\":\"lobby\"}", "bad-request");
	}

	@Test
	void binaryDataIsSentToTheRoomsBinaryDestination() {
		Message<byte[]> send = this.commands.binary(this.session,
				new BinaryFrames.Inbound("lobby", new byte[] { 1, 2, 3 }));
		assertThat(StompHeaderAccessor.wrap(send).getDestination()).isEqualTo("/app/rooms/lobby/binary");
		assertThat(send.getPayload()).containsExactly(1, 2, 3);
	}

	private void assertCode(String json, String code) {
		assertThatExceptionOfType(ClientErrorException.class).isThrownBy(() -> decode(json))
			.extracting(ClientErrorException::getCode)
			.isEqualTo(code);
	}

	private List<StompHeaderAccessor> decode(String json) {
		return this.commands.decode(command(json), this.session).stream().map(StompHeaderAccessor::wrap).toList();
	}

	private static RawCommand command(String json) {
		return JsonMapper.builder().build().readValue(json, RawCommand.class);
	}

}
