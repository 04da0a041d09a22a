package dev.switchboard.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawStompClient.Frame;
import dev.switchboard.support.RawStompClient;
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
 * A subscriber that stops reading is cut off once its send buffer is full, without
 * slowing anyone else, and catches up after it reconnects.
 */
@SwitchboardTest(properties = { "switchboard.websocket.send-buffer-limit=256KB", "switchboard.limits.send-rate=100000",
		"switchboard.limits.send-burst=100000" })
class SlowConsumerIT {

	private static final int MESSAGES = 1500;

	@LocalServerPort
	int port;

	@Autowired
	WebSocketConnections connections;

	@Test
	void readerThatStopsReadingIsClosedAndRecoversEverythingAfterReconnecting() throws Exception {
		TestUsers users = new TestUsers(this.port);
		TestUser writer = users.create("writer");
		TestUser fast = users.create("fast");
		TestUser slow = users.create("slow");
		String room = "slow-" + UUID.randomUUID().toString().substring(0, 8);
		long closesBefore = this.connections.slowConsumerCloses();
		String padding = "x".repeat(2000);

		try (StompTestClient w = StompTestClient.connect(this.port, writer.token());
				StompTestClient f = StompTestClient.connect(this.port, fast.token());
				RawStompClient s = RawStompClient.connect(this.port, slow.token(), 4096)) {
			s.send("SUBSCRIBE", Map.of("id", "room", "destination", "/topic/rooms." + room), "");
			s.send("SUBSCRIBE", Map.of("id", "members", "destination", "/app/rooms/" + room + "/members"), "");
			assertThat(s.readFrame().headers()).containsEntry("subscription", "members");
			// From here on the slow reader reads nothing until the writer is done.
			Inbox fastEvents = f.join(room);
			Inbox acks = w.subscribe("/user/queue/acks");
			w.sync();

			for (int i = 1; i <= MESSAGES; i++) {
				w.send("/app/rooms/" + room + "/messages", Map.of("text", i + " " + padding), "ack-id", "a" + i);
			}
			List<Object> seqs = new ArrayList<>();
			for (int i = 0; i < MESSAGES; i++) {
				seqs.add(fastEvents.nextOfType("message").get("seq"));
			}
			assertThat(seqs).as("the fast reader got everything in order")
				.containsExactlyElementsOf(LongStream.rangeClosed(1, MESSAGES).mapToObj(Math::toIntExact).toList());
			assertThat(acks.next(MESSAGES)).allSatisfy((ack) -> assertThat(ack).containsEntry("ok", true));
			await().until(() -> this.connections.slowConsumerCloses() > closesBefore);
			assertThat(this.connections.slowConsumerCloses()).as("only the slow reader was cut off")
				.isEqualTo(closesBefore + 1);

			long lastSeen = 0;
			Frame frame;
			while (!"CLOSE".equals((frame = s.readFrame()).command())) {
				if ("MESSAGE".equals(frame.command()) && frame.headers().containsKey("seq")) {
					long seq = Long.parseLong(frame.headers().get("seq"));
					assertThat(seq).isEqualTo(lastSeen + 1);
					lastSeen = seq;
				}
			}
			// 1008 "slow consumer" if the close frame still fit, else the connection just
			// ends.
			assertThat(frame.headers().get("code")).isIn("1008", "1006");
			assertThat(lastSeen).as("the slow reader was cut off before the end").isLessThan(MESSAGES);

			try (StompTestClient again = StompTestClient.connect(this.port, slow.token())) {
				Inbox events = again.subscribe("/topic/rooms." + room, "since-seq", Long.toString(lastSeen));
				List<Object> rest = new ArrayList<>();
				for (long seq = lastSeen + 1; seq <= MESSAGES; seq++) {
					rest.add(events.next().get("seq"));
				}
				assertThat(rest).containsExactlyElementsOf(
						LongStream.rangeClosed(lastSeen + 1, MESSAGES).mapToObj(Math::toIntExact).toList());
				assertThat(events.next()).containsEntry("type", "recovery").containsEntry("recovered", true);
			}
		}
	}

}
