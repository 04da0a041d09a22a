package dev.switchboard.websocket;

import java.util.HashMap;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectionGate}.
 */
class ConnectionGateTests {

	private final ConnectionGate gate = new ConnectionGate();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void handshakesPassWhileTheGateIsOpen() {
		assertThat(handshake()).isTrue();
		assertThat(this.response.getStatus()).isEqualTo(200);
	}

	@Test
	void handshakesAreAnswered503OnceTheGateIsClosed() {
		this.gate.close();
		assertThat(this.gate.isOpen()).isFalse();
		assertThat(handshake()).isFalse();
		assertThat(this.response.getStatus()).isEqualTo(503);
	}

	@Test
	void reopenedGateLetsHandshakesPassAgain() {
		this.gate.close();
		this.gate.open();
		assertThat(handshake()).isTrue();
	}

	private boolean handshake() {
		return this.gate.beforeHandshake(new ServletServerHttpRequest(new MockHttpServletRequest("GET", "/ws")),
				new ServletServerHttpResponse(this.response), null, new HashMap<>());
	}

}
