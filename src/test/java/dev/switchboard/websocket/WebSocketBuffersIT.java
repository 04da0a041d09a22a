package dev.switchboard.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawSocket;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers.TestUser;
import dev.switchboard.support.TestUsers;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections keep small container buffers and the worker pool stays bounded, and
 * messages many times the buffers' size, in characters of every UTF-8 length, still
 * arrive whole in both directions.
 */
@SwitchboardTest
class WebSocketBuffersIT {

	@LocalServerPort
	int port;

	@Autowired
	ServletContext servletContext;

	@Autowired
	ServletWebServerApplicationContext context;

	@Test
	void containerBuffersAreSmall() {
		ServerContainer container = (ServerContainer) this.servletContext.getAttribute(ServerContainer.class.getName());
		assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(WebSocketBuffers.MESSAGE_BUFFER_SIZE);
		assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(WebSocketBuffers.MESSAGE_BUFFER_SIZE);
		assertThat(System.getProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE")).isEqualTo("128");
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProperty(TomcatSocketBuffers.READ_BUFFER)).isEqualTo("512");
		assertThat(connector.getProperty(TomcatSocketBuffers.WRITE_BUFFER)).isEqualTo("512");
	}

	@Test
	void workerPoolIsHalfOfTomcatsDefault() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		Executor executor = connector.getProtocolHandler().getExecutor();
		assertThat(executor).isInstanceOf(ThreadPoolExecutor.class);
		assertThat(((ThreadPoolExecutor) executor).getMaximumPoolSize())
			.as("each worker started in a burst keeps its stack resident")
			.isEqualTo(100);
	}

	@Test
	void messageFarLargerThanTheBuffersArrivesWhole() {
		TestUsers users = new TestUsers(this.port);
		TestUser alice = users.create("alice");
		TestUser bob = users.create("bob");
		String room = "buffers-" + UUID.randomUUID().toString().substring(0, 8);
		// 1, 2, 3 and 4 bytes in UTF-8: part boundaries fall inside characters.
		String text = "a\u00e9\u20ac\ud83d\ude00".repeat(800);
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
			a.join(room);
			Inbox bobEvents = b.join(room);

			a.send("/app/rooms/" + room + "/messages", Map.of("text", text));

			assertThat(bobEvents.nextOfType("message")).containsEntry("text", text).containsEntry("from", alice.name());
		}
	}

	@Test
	void frameLargerThanTheBuffersIsWrittenAsOneWebSocketFrame() throws Exception {
		TestUsers users = new TestUsers(this.port);
		TestUser alice = users.create("alice");
		TestUser bob = users.create("bob");
		String room = "frames-" + UUID.randomUUID().toString().substring(0, 8);
		String text = "a\u00e9\u20ac\ud83d\ude00".repeat(800);
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				RawSocket b = RawSocket.open(this.port, "/ws", 256 * 1024, "v12.stomp")) {
			b.write(RawSocket.Frame.TEXT, stomp("CONNECT", "accept-version:1.2\nhost:localhost\nheart-beat:0,0\n"
					+ "Authorization:Bearer " + bob.token() + "\n"));
			b.write(RawSocket.Frame.TEXT, stomp("SUBSCRIBE", "id:0\ndestination:/topic/rooms." + room + "\n"));
			b.write(RawSocket.Frame.TEXT, stomp("SUBSCRIBE", "id:sync\ndestination:/app/rooms/" + room + "/members\n"));
			awaitTextFrameContaining(b, "subscription:sync");
			a.join(room);

			a.send("/app/rooms/" + room + "/messages", Map.of("text", text));

			// Tomcat splits a text message it encodes itself at its buffer size; frames
			// already encoded go out whole, in one frame.
			String frame = awaitTextFrameContaining(b, "\"type\":\"message\"");
			assertThat(frame).startsWith("MESSAGE\n").contains(text);
		}
	}

	private static byte[] stomp(String command, String headers) {
		return (command + "\n" + headers + "\n\0").getBytes(StandardCharsets.UTF_8);
	}

	private static String awaitTextFrameContaining(RawSocket socket, String part) throws Exception {
		while (true) {
			RawSocket.Frame frame = socket.read();
			assertThat(frame.opcode()).as("a whole frame, not a part or the end of the connection")
				.isNotIn(0, RawSocket.Frame.CLOSE);
			String payload = new String(frame.payload(), StandardCharsets.UTF_8);
			if (frame.opcode() == RawSocket.Frame.TEXT && payload.contains(part)) {
				return payload;
			}
		}
	}

}
