package dev.switchboard.raw;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawStompClient;
import dev.switchboard.support.RawStompClient.Frame;
import dev.switchboard.support.RawTestClient;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binary messages: relayed as binary to the other raw members of a room, never to STOMP
 * clients, within their own size limit.
 */
@SwitchboardTest(properties = { "switchboard.raw.ping-interval=1s", "switchboard.raw.max-binary-message-size=16KB" })
class RawBinaryIT {

	@LocalServerPort
	int port;

	TestUsers users;

	String room;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
		this.room = "binary-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void binaryFromARawClientReachesTheOtherRawMembersOnly() throws Exception {
		TestUser alice = this.users.create("alice");
		TestUser carol = this.users.create("carol");
		TestUser bob = this.users.create("bob");
		try (RawTestClient aliceRaw = RawTestClient.connect(this.port, alice.token());
				RawTestClient carolRaw = RawTestClient.connect(this.port, carol.token());
				RawStompClient bobStomp = RawStompClient.connect(this.port, bob.token(), 65536)) {
			bobStomp.send("SUBSCRIBE", Map.of("id", "room", "destination", "/topic/rooms." + this.room), "");
			aliceRaw.join(this.room);
			carolRaw.join(this.room);

			aliceRaw.sendBinary(frame(this.room + "\n", new byte[] { 0, 1, (byte) 0xFF, '\n' }));
			assertThat(carolRaw.nextBinary())
				.containsExactly(frame(this.room + "\n" + alice.name() + "\n", new byte[] { 0, 1, (byte) 0xFF, '\n' }));

			carolRaw.sendBinary(frame(this.room + "\n", new byte[] { 42 }));
			assertThat(aliceRaw.nextBinary()).as("alice's own binary did not come back to her")
				.containsExactly(frame(this.room + "\n" + carol.name() + "\n", new byte[] { 42 }));

			aliceRaw.send(Map.of("type", "send", "room", this.room, "text", "after the binary"));
			Frame next;
			do {
				next = bobStomp.readFrame();
			}
			while (next.body().contains("\"presence\""));
			assertThat(next.body()).as("the STOMP client got no binary frame").contains("after the binary");
		}
	}

	@Test
	void binaryFromAStompClientReachesRawMembers() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token());
				StompTestClient stomp = StompTestClient.connect(this.port, bob.token())) {
			Inbox errors = stomp.subscribe("/user/queue/errors");
			stomp.join(this.room);
			raw.join(this.room);

			stomp.sendRaw("/app/rooms/" + this.room + "/binary", new byte[] { 7, 8 });
			assertThat(raw.nextBinary())
				.containsExactly(frame(this.room + "\n" + bob.name() + "\n", new byte[] { 7, 8 }));

			stomp.sendRaw("/app/rooms/" + this.room + "/binary", new byte[17 * 1024]);
			assertThat(errors.next()).containsEntry("code", "too-large");
		}
	}

	@Test
	void binaryWithoutARoomIsAnErrorAndTooLargeBinaryClosesWith1009() {
		TestUser alice = this.users.create("alice");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token())) {
			raw.sendBinary("no room here".getBytes(StandardCharsets.US_ASCII));
			assertThat(raw.events().next()).containsEntry("type", "error").containsEntry("code", "bad-request");

			raw.sendBinary(frame(this.room + "\n", new byte[16 * 1024]));
			assertThat(raw.events().next()).containsEntry("type", "error").containsEntry("code", "too-large");
			assertThat(raw.awaitClose()).isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.getCode());
		}
	}

	private static byte[] frame(String header, byte[] data) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.writeBytes(header.getBytes(StandardCharsets.UTF_8));
		frame.writeBytes(data);
		return frame.toByteArray();
	}

}
