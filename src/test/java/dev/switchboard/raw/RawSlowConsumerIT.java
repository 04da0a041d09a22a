package dev.switchboard.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawSocket.Frame;
import dev.switchboard.support.RawSocket;
import dev.switchboard.support.RawTestClient;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers.TestUser;
import dev.switchboard.support.TestUsers;
import dev.switchboard.websocket.WebSocketConnections;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A raw client that stops reading is cut off like a slow STOMP one, without slowing
 * anyone else, and catches up after it reconnects (the same settings as
 * {@code SlowConsumerIT}).
 */
@SwitchboardTest(properties = { "switchboard.websocket.send-buffer-limit=256KB", "switchboard.limits.send-rate=100000",
		"switchboard.limits.send-burst=100000" })
class RawSlowConsumerIT {

	private static final int MESSAGES = 1500;

	@LocalServerPort
	int port;

	@Autowired
	WebSocketConnections connections;

	@Test
	void rawReaderThatStopsReadingIsClosedAndRecoversEverythingAfterRejoining() throws Exception {
		TestUsers users = new TestUsers(this.port);
		TestUser writer = users.create("writer");
		TestUser fast = users.create("fast");
		TestUser slow = users.create("slow");
		String room = "slow-raw-" + UUID.randomUUID().toString().substring(0, 8);
		long closesBefore = this.connections.slowConsumerCloses();
		String padding = "x".repeat(2000);

		try (StompTestClient w = StompTestClient.connect(this.port, writer.token());
				RawTestClient f = RawTestClient.connect(this.port, fast.token());
				RawSocket s = RawSocket.connect(this.port, slow.token(), 4096)) {
			w.join(room);
			f.join(room);
			s.send(Map.of("type", "join", "room", room));
			while (!"members".equals(nextJson(s).get("type"))) {
				// the connected message comes first
			}
			// From here on the slow reader reads nothing until the writer is done.
			Inbox acks = w.subscribe("/user/queue/acks");
			w.sync();
			for (int i = 1; i <= MESSAGES; i++) {
				w.send("/app/rooms/" + room + "/messages", Map.of("text", i + " " + padding), "ack-id", "a" + i);
			}
			List<Object> seqs = new ArrayList<>();
			for (int i = 0; i < MESSAGES; i++) {
				seqs.add(f.events().nextOfType("message").get("seq"));
			}
			assertThat(seqs).as("the fast raw reader got everything in order")
				.containsExactlyElementsOf(LongStream.rangeClosed(1, MESSAGES).mapToObj(Math::toIntExact).toList());
			assertThat(acks.next(MESSAGES)).allSatisfy((ack) -> assertThat(ack).containsEntry("ok", true));
			await().until(() -> this.connections.slowConsumerCloses() > closesBefore);
			assertThat(this.connections.slowConsumerCloses()).as("only the slow reader was cut off")
				.isEqualTo(closesBefore + 1);

			long lastSeen = 0;
			Frame frame;
			while ((frame = s.read()).opcode() != Frame.CLOSE) {
				Map<String, Object> event = frame.json();
				if ("message".equals(event.get("type"))) {
					long seq = ((Number) event.get("seq")).longValue();
					assertThat(seq).isEqualTo(lastSeen + 1);
					lastSeen = seq;
				}
			}
			// 1008 "slow consumer" if the close frame still fit, else the connection just
			// ends.
			assertThat(frame.closeCode()).isIn(1008, 1006);
			assertThat(lastSeen).as("the slow reader was cut off before the end").isLessThan(MESSAGES);

			try (RawTestClient again = RawTestClient.connect(this.port, slow.token())) {
				again.send(Map.of("type", "join", "room", room, "sinceSeq", lastSeen));
				List<Object> rest = new ArrayList<>();
				for (long seq = lastSeen + 1; seq <= MESSAGES; seq++) {
					rest.add(again.events().nextOfType("message").get("seq"));
				}
				assertThat(rest).containsExactlyElementsOf(
						LongStream.rangeClosed(lastSeen + 1, MESSAGES).mapToObj(Math::toIntExact).toList());
				assertThat(again.events().nextOfType("recovery")).containsEntry("recovered", true);
			}
		}
	}

	private static Map<String, Object> nextJson(RawSocket socket) throws Exception {
		Frame frame;
		do {
			frame = socket.read();
		}
		while (frame.opcode() != Frame.TEXT);
		return frame.json();
	}

}
