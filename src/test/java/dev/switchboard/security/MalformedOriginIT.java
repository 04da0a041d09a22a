package dev.switchboard.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket handshake with an {@code Origin} header that is no origin is refused with
 * 403 and one log line, and the access token of a {@code /raw?access_token=} handshake
 * appears in no log line and no answer.
 */
@SwitchboardTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedOriginIT {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "http://[::1", "http://exa mple.com", "%%%", "http://host:99999999999" })
	void malformedOriginOnTheRawHandshakeIsRefusedWithoutLeakingTheToken(String origin, CapturedOutput output)
			throws IOException {
		TestUser alice = new TestUsers(this.port).create("origin");
		String answer = handshake("/raw?access_token=" + alice.token(), origin);
		assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain(alice.token());
		assertThat(output.getAll()).doesNotContain(alice.token())
			.doesNotContain("Exception")
			.doesNotContain("\tat ")
			.containsOnlyOnce("Refused a WebSocket handshake to /raw");
		// Another client on another connection is served.
		try (StompTestClient other = StompTestClient.connect(this.port, alice.token())) {
			assertThat(other.isConnected()).isTrue();
		}
	}

	@Test
	void malformedOriginOnTheStompHandshakeIsRefused(CapturedOutput output) throws IOException {
		String answer = handshake("/ws", "http://[::1");
		assertThat(answer).startsWith("HTTP/1.1 403");
		assertThat(output.getAll()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void wellFormedOriginsAreLeftToTheOriginCheck() throws IOException {
		TestUser alice = new TestUsers(this.port).create("origin");
		assertThat(handshake("/raw?access_token=" + alice.token(), "https://elsewhere.example"))
			.startsWith("HTTP/1.1 403");
		assertThat(handshake("/raw?access_token=" + alice.token(), "http://localhost:" + this.port))
			.startsWith("HTTP/1.1 101");
	}

	/**
	 * The status line and headers of the answer to a WebSocket handshake, written by hand
	 * so that the client library does not check the header first.
	 */
	private String handshake(String target, String origin) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: " + origin + "\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			int b;
			while ((b = in.read()) != -1) {
				head.append((char) b);
				if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
					break;
				}
			}
			return head.toString();
		}
	}

}
