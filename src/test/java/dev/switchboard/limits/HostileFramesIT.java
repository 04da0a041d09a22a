package dev.switchboard.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawSocket;
import dev.switchboard.support.RawStompClient;
import dev.switchboard.support.RawStompClient.Frame;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the STOMP endpoint, each bounded in count and time, on loopback: connections
 * that never CONNECT, oversized headers, SUBSCRIBE floods and mass room creation. Each is
 * refused, and a well-behaved pair of clients on other connections is still served.
 */
@SwitchboardTest(properties = { "switchboard.websocket.connect-timeout=1s",
		"switchboard.websocket.max-bytes-before-connect=8KB", "switchboard.limits.subscribe-burst=20",
		"switchboard.limits.subscribe-rate=1", "switchboard.limits.rooms-burst=3",
		"switchboard.limits.rooms-per-minute=1", "switchboard.presence.coalesce-window=500ms" })
class HostileFramesIT {

	@LocalServerPort
	int port;

	TestUsers users;

	String room;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
		this.room = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void connectionsThatNeverConnectAreClosedAndOthersAreServed() throws IOException {
		List<RawSocket> silent = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			RawSocket socket = RawSocket.open(this.port, "/ws", 8192, "v12.stomp");
			socket.write(RawSocket.Frame.TEXT, "SEND\ndestination:/app/x\n\npartial".getBytes(StandardCharsets.UTF_8));
			silent.add(socket);
		}
		assertAPairIsServed();
		for (RawSocket socket : silent) {
			RawSocket.Frame close = nextClose(socket);
			assertThat(close.closeCode()).isEqualTo(1008);
			socket.close();
		}
	}

	@Test
	void aConnectionThatSendsTooMuchBeforeConnectIsClosed() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port, "/ws", 8192, "v12.stomp")) {
			socket.write(RawSocket.Frame.TEXT, "x".repeat(12 * 1024).getBytes(StandardCharsets.UTF_8));
			assertThat(nextClose(socket).closeCode()).isEqualTo(1009);
		}
		assertAPairIsServed();
	}

	@Test
	void aLongSubscriptionIdIsRefusedAndNothingIsStored() throws IOException {
		TestUser mallory = this.users.create("mallory");
		try (RawStompClient client = RawStompClient.connect(this.port, mallory.token(), 65536)) {
			client.send("SUBSCRIBE", Map.of("id", "i".repeat(300), "destination", "/topic/rooms." + this.room), "");
			Frame error = client.readFrame();
			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.body()).contains("\"code\":\"bad-frame\"").doesNotContain("iiii");
		}
		assertThat(this.users.get("/api/rooms", mallory.token()).body()).doesNotContain(this.room);
		assertAPairIsServed();
	}

	@Test
	void tooManyHeadersAreRefused() throws IOException {
		TestUser mallory = this.users.create("mallory");
		try (RawStompClient client = RawStompClient.connect(this.port, mallory.token(), 65536)) {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("destination", "/app/rooms/" + this.room + "/typing");
			for (int i = 0; i < 40; i++) {
				headers.put("x-" + i, "v");
			}
			client.send("SEND", headers, "{}");
			Frame error = client.readFrame();
			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.body()).contains("\"code\":\"bad-frame\"");
		}
	}

	@Test
	void aSubscribeFloodEndsTheConnectionAndOthersSeeAtMostOneJoinAndOneLeave() throws IOException {
		TestUser bob = this.users.create("bob");
		TestUser mallory = this.users.create("mallory");
		TestUser dave = this.users.create("dave");
		try (StompTestClient watcher = StompTestClient.connect(this.port, bob.token())) {
			Inbox events = watcher.join(this.room);
			try (RawStompClient flooder = RawStompClient.connect(this.port, mallory.token(), 65536)) {
				for (int i = 0; i < 30; i++) {
					flooder.send("SUBSCRIBE", Map.of("id", "s", "destination", "/topic/rooms." + this.room), "");
					flooder.send("UNSUBSCRIBE", Map.of("id", "s"), "");
				}
				Frame answer = flooder.readFrame();
				while (!"ERROR".equals(answer.command())) {
					answer = flooder.readFrame();
				}
				assertThat(answer.body()).contains("\"code\":\"rate-limited\"");
			}
			// Dave joins after the flood ended, so his join is announced after any of
			// Mallory's changes.
			try (StompTestClient late = StompTestClient.connect(this.port, dave.token())) {
				late.join(this.room);
				int fromMallory = 0;
				Map<String, Object> event;
				while (!dave.name().equals((event = events.nextOfType("presence")).get("user"))) {
					fromMallory++;
				}
				assertThat(fromMallory).as("presence events of the flood").isLessThanOrEqualTo(2);
			}
		}
	}

	@Test
	void creatingRoomsByTheDozenIsRateLimited() throws IOException {
		TestUser mallory = this.users.create("mallory");
		try (RawStompClient client = RawStompClient.connect(this.port, mallory.token(), 65536)) {
			for (int i = 0; i < 5; i++) {
				client.send("SUBSCRIBE", Map.of("id", "s" + i, "destination", "/topic/rooms." + this.room + "-" + i),
						"");
			}
			Frame answer = client.readFrame();
			while (!"ERROR".equals(answer.command())) {
				answer = client.readFrame();
			}
			assertThat(answer.body()).contains("\"code\":\"rate-limited\"");
		}
		String rooms = this.users.get("/api/rooms?after=" + this.room + "&limit=10", mallory.token()).body();
		assertThat(rooms).contains(this.room + "-2").doesNotContain(this.room + "-3");
		assertAPairIsServed();
	}

	@Test
	void everyFirstJoinerOfOneNewRoomIsAdmittedWhateverTheCreationLimit() throws Exception {
		TestUser alice = this.users.create("alice");
		List<RawStompClient> clients = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			clients.add(RawStompClient.connect(this.port, alice.token(), 65536));
		}
		CyclicBarrier together = new CyclicBarrier(clients.size());
		List<Thread> joiners = new ArrayList<>();
		for (RawStompClient client : clients) {
			Thread joiner = new Thread(() -> {
				try {
					together.await();
					client.send("SUBSCRIBE", Map.of("id", "room", "destination", "/topic/rooms." + this.room), "");
					client.send("SUBSCRIBE",
							Map.of("id", "members", "destination", "/app/rooms/" + this.room + "/members"), "");
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			joiner.start();
			joiners.add(joiner);
		}
		for (Thread joiner : joiners) {
			joiner.join();
		}
		for (RawStompClient client : clients) {
			Frame answer = client.readFrame();
			assertThat(answer.command()).as(answer.body()).isEqualTo("MESSAGE");
			assertThat(answer.body()).contains("\"room\":\"" + this.room + "\"");
			client.close();
		}
	}

	private void assertAPairIsServed() {
		TestUser alice = this.users.create("alice");
		TestUser carol = this.users.create("carol");
		String room = this.room + "-ok";
		try (StompTestClient sender = StompTestClient.connect(this.port, alice.token());
				StompTestClient reader = StompTestClient.connect(this.port, carol.token())) {
			Inbox inbox = reader.join(room);
			sender.send("/app/rooms/" + room + "/messages", Map.of("text", "still here"));
			assertThat(inbox.nextMatching((event) -> "message".equals(event.get("type"))).get("text"))
				.isEqualTo("still here");
		}
	}

	private static RawSocket.Frame nextClose(RawSocket socket) throws IOException {
		RawSocket.Frame frame = socket.read();
		while (frame.opcode() != RawSocket.Frame.CLOSE) {
			frame = socket.read();
		}
		return frame;
	}

}
