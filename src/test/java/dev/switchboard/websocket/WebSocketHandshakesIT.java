package dev.switchboard.websocket;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.switchboard.support.RawSocket.Frame;
import dev.switchboard.support.RawSocket;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers.TestUser;
import dev.switchboard.support.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both WebSocket endpoints decline the compression browsers ask for, by default, and a
 * connection that asked for it works uncompressed.
 */
@SwitchboardTest
class WebSocketHandshakesIT {

	static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

	@LocalServerPort
	int port;

	@Test
	void stompEndpointDeclinesCompressionAndAnswersUncompressed() throws Exception {
		TestUser alice = new TestUsers(this.port).create("alice");
		try (RawSocket socket = RawSocket.open(this.port, "/ws", 64 * 1024, "v12.stomp", DEFLATE)) {
			assertThat(socket.handshakeResponse()).startsWith("HTTP/1.1 101")
				.doesNotContainIgnoringCase("Sec-WebSocket-Extensions");

			socket.write(Frame.TEXT,
					("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer "
							+ alice.token() + "\n\n\0")
						.getBytes(StandardCharsets.UTF_8));

			Frame connected = socket.read();
			assertThat(connected.opcode()).isEqualTo(Frame.TEXT);
			assertThat(new String(connected.payload(), StandardCharsets.UTF_8)).startsWith("CONNECTED\n");
		}
	}

	@Test
	void rawEndpointDeclinesCompressionAndAnswersUncompressed() throws Exception {
		TestUser bob = new TestUsers(this.port).create("bob");
		String path = "/raw?access_token=" + URLEncoder.encode(bob.token(), StandardCharsets.UTF_8);
		try (RawSocket socket = RawSocket.open(this.port, path, 64 * 1024, null, DEFLATE)) {
			assertThat(socket.handshakeResponse()).startsWith("HTTP/1.1 101")
				.doesNotContainIgnoringCase("Sec-WebSocket-Extensions");

			Frame connected = socket.read();
			assertThat(connected.opcode()).isEqualTo(Frame.TEXT);
			assertThat(connected.json()).containsEntry("type", "connected");
		}
	}

}
