package dev.switchboard.sse;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SseEvent}.
 */
class SseEventTests {

	@Test
	void encodesIdNameAndData() {
		assertThat(text(SseEvent.of(42, "tick", "{\"a\":1}"))).isEqualTo("id: 42\nevent: tick\ndata: {\"a\":1}\n\n");
	}

	@Test
	void dataWithLineBreaksBecomesSeveralDataLines() {
		assertThat(text(SseEvent.of(1, "note", "one\ntwo\r\nthree")))
			.isEqualTo("id: 1\nevent: note\ndata: one\ndata: two\ndata: three\n\n");
	}

	private static String text(SseEvent event) {
		return new String(event.bytes(), StandardCharsets.UTF_8);
	}

}
