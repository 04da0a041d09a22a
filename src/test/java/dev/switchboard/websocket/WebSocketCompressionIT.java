package dev.switchboard.websocket;

import dev.switchboard.support.RawSocket;
import dev.switchboard.support.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code switchboard.websocket.compression} on, a client that asks for
 * {@code permessage-deflate} gets it.
 */
@SwitchboardTest(properties = "switchboard.websocket.compression=true")
class WebSocketCompressionIT {

	@LocalServerPort
	int port;

	@Test
	void clientThatAsksForCompressionGetsIt() throws Exception {
		try (RawSocket socket = RawSocket.open(this.port, "/ws", 64 * 1024, "v12.stomp",
				WebSocketHandshakesIT.DEFLATE)) {
			assertThat(socket.handshakeResponse()).containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate");
		}
	}

}
