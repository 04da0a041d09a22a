package dev.switchboard.raw;

import java.nio.charset.StandardCharsets;

import dev.switchboard.system.ClientErrorException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BinaryFrames}.
 */
class BinaryFramesTests {

	@Test
	void roomNameLineFeedThenData() {
		BinaryFrames.Inbound frame = BinaryFrames.parse(bytes("lobby\n\u0000\u00ff\n"));
		assertThat(frame.room()).isEqualTo("lobby");
		assertThat(frame.data()).containsExactly(bytes("\u0000\u00ff\n"));
	}

	@Test
	void relayedFramesNameTheRoomAndTheSender() {
		assertThat(BinaryFrames.relay("lobby", "alice", new byte[] { 1, 2 }))
			.containsExactly(bytes("lobby\nalice\n\u0001\u0002"));
	}

	@Test
	void framesWithoutARoomOrDataAreBadRequests() {
		for (String frame : new String[] { "no line feed", "lobby\n", "", "x".repeat(65) + "\ndata" }) {
			assertThatExceptionOfType(ClientErrorException.class).as(frame)
				.isThrownBy(() -> BinaryFrames.parse(bytes(frame)))
				.extracting(ClientErrorException::getCode)
				.isEqualTo("bad-request");
		}
	}

	private static byte[] bytes(String latin1) {
		return latin1.getBytes(StandardCharsets.ISO_8859_1);
	}

}
