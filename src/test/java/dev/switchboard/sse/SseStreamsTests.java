package dev.switchboard.sse;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SseStreams} on mock requests.
 */
class SseStreamsTests {

	private final SseStreams streams = new SseStreams(new SseProperties(10, Duration.ofSeconds(15),
			Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofSeconds(3)));

	@AfterEach
	void destroy() {
		this.streams.destroy();
	}

	@Test
	void streamWhoseFirstEventFailsIsNotOpenedAndTheRequestFailsAsAnyOther() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/dashboard/sensors/stream");
		request.setAsyncSupported(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThatIllegalStateException()
			.isThrownBy(() -> this.streams.open("dashboard.sensors", request, response, () -> {
				throw new IllegalStateException("no snapshot");
			}));
		assertThat(this.streams.count()).isZero();
		assertThat(request.isAsyncStarted()).as("no stream left open").isFalse();
		assertThat(response.getContentType()).as("an error body can still be written").isNull();
	}

}
