package dev.switchboard.limits;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import dev.switchboard.system.StompErrorHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FrameLimits} with hand-built frames.
 */
class FrameLimitsTests {

	private final CapturingChannel outbound = new CapturingChannel();

	private final FrameLimits limits = new FrameLimits(
			new LimitsProperties(20, 100, 20, 40, 10, 200, 4, 32, DataSize.ofBytes(200), 5, 10),
			new StompErrorHandler(JsonMapper.builder().build(), this.outbound));

	@Test
	void aFrameWithinTheLimitsPasses() {
		Message<byte[]> frame = subscribe("sub-1");
		assertThat(this.limits.preSend(frame, null)).isSameAs(frame);
		assertThat(this.outbound.messages()).isEmpty();
	}

	@Test
	void aLongHeaderValueIsRefusedWithAnErrorThatDoesNotEchoIt() {
		Message<byte[]> frame = StompMessages.frame(StompCommand.SUBSCRIBE)
			.destination("/topic/rooms.lobby")
			.subscription("sub-" + "x".repeat(40))
			.header("receipt", "r".repeat(20))
			.build();

		assertThat(this.limits.preSend(frame, null)).isNull();

		StompHeaderAccessor error = StompHeaderAccessor.wrap(this.outbound.single());
		assertThat(error.getCommand()).isEqualTo(StompCommand.ERROR);
		assertThat(error.getReceiptId()).isNull();
		assertThat(new String((byte[]) this.outbound.single().getPayload())).contains("bad-frame")
			.doesNotContain("xxxx");
	}

	@Test
	void tooManyHeadersAreRefused() {
		Message<byte[]> frame = StompMessages.frame(StompCommand.SEND)
			.destination("/app/x")
			.header("a", "1")
			.header("b", "2")
			.header("c", "3")
			.header("d", "4")
			.build();
		assertThat(this.limits.preSend(frame, null)).isNull();
	}

	@Test
	void aConnectMayCarryALongTokenWithinTheTotal() {
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT)
			.header("Authorization", "Bearer " + "t".repeat(150))
			.build();
		assertThat(this.limits.preSend(connect, null)).isSameAs(connect);

		Message<byte[]> tooLong = StompMessages.frame(StompCommand.CONNECT)
			.header("Authorization", "Bearer " + "t".repeat(300))
			.build();
		assertThat(this.limits.preSend(tooLong, null)).isNull();
	}

	private static Message<byte[]> subscribe(String id) {
		return StompMessages.frame(StompCommand.SUBSCRIBE).destination("/topic/rooms.lobby").subscription(id).build();
	}

}
