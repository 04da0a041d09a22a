package dev.switchboard.sse;

import java.time.Duration;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.AfterEach;
import dev.switchboard.sse.SseStreams.Opened;
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
			Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofSeconds(3), 2));

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
			.isThrownBy(() -> this.streams.open("dashboard.sensors", "alice", request, response, () -> {
				throw new IllegalStateException("no snapshot");
			}));
		assertThat(this.streams.count()).isZero();
		assertThat(request.isAsyncStarted()).as("no stream left open").isFalse();
		assertThat(response.getContentType()).as("an error body can still be written").isNull();
	}

	@Test
	void oneOwnerMayOpenOnlyItsShareOfStreamsAndGetsItBackWhenOneEnds() throws Exception {
		MockHttpServletRequest first = request();
		assertThat(open("alice", first)).isEqualTo(Opened.OPENED);
		assertThat(open("alice", request())).isEqualTo(Opened.OPENED);
		assertThat(open("alice", request())).isEqualTo(Opened.OWNER_FULL);
		assertThat(open("bob", request())).as("other owners are not affected").isEqualTo(Opened.OPENED);
		assertThat(this.streams.count("alice")).isEqualTo(2);
		assertThat(this.streams.count()).isEqualTo(3);

		first.getAsyncContext().complete();
		assertThat(this.streams.count("alice")).isEqualTo(1);
		assertThat(open("alice", request())).isEqualTo(Opened.OPENED);
	}

	@Test
	void aRefusedOwnerHoldsNoPlaceOnTheServer() throws Exception {
		open("alice", request());
		open("alice", request());
		for (int i = 0; i < 20; i++) {
			assertThat(open("alice", request())).isEqualTo(Opened.OWNER_FULL);
		}
		assertThat(this.streams.count()).isEqualTo(2);
	}

	private Opened open(String owner, MockHttpServletRequest request) throws Exception {
		return this.streams.open("dashboard.sensors", owner, request, new NonBlockingResponse(),
				() -> SseEvent.of(1, "snapshot", "{}"));
	}

	/**
	 * A response whose output stream takes a write listener, as a container's does.
	 */
	static final class NonBlockingResponse extends MockHttpServletResponse {

		private final ServletOutputStream out = new ServletOutputStream() {

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(WriteListener listener) {
			}

			@Override
			public void write(int b) {
			}

		};

		@Override
		public ServletOutputStream getOutputStream() {
			return this.out;
		}

	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/dashboard/sensors/stream");
		request.setAsyncSupported(true);
		return request;
	}

}
