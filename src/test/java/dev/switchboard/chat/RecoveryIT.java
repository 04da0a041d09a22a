package dev.switchboard.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.switchboard.support.Inbox;
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
 * Catching up with {@code since-seq}, and sends with client ids.
 */
@SwitchboardTest(properties = { "switchboard.limits.send-rate=1000", "switchboard.limits.send-burst=1000",
		"switchboard.chat.recovery-max-messages=50" })
class RecoveryIT {

	@LocalServerPort
	int port;

	TestUsers users;

	String room;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
		this.room = "recovery-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void resubscribingWithSinceSeqDeliversEveryMissedMessageOnceAndInOrderThenLive() {
		TestUser writer = this.users.create("writer");
		TestUser reader = this.users.create("reader");
		try (StompTestClient w = StompTestClient.connect(this.port, writer.token())) {
			Inbox writerEvents = w.join(this.room);
			send(w, 1, 3);
			writerEvents.next(3);
			// The reader saw up to 3 before it went away; 4 to 10 happen while it is
			// gone.
			send(w, 4, 10);
			writerEvents.next(7);
			try (StompTestClient r = StompTestClient.connect(this.port, reader.token())) {
				Inbox events = r.subscribe("/topic/rooms." + this.room, "since-seq", "3");
				send(w, 11, 12);
				List<Map<String, Object>> received = events.next(10);
				List<Object> seqs = received.stream()
					.filter((event) -> "message".equals(event.get("type")))
					.map((event) -> event.get("seq"))
					.toList();
				assertThat(seqs).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12);
				// The marker comes after the replayed messages (4 to 10, and 11 and 12 if
				// they were stored before the subscription started) and before live ones.
				// Either way each message arrives once, in order.
				int marker = received.indexOf(received.stream()
					.filter((event) -> "recovery".equals(event.get("type")))
					.findFirst()
					.orElseThrow());
				assertThat(received.get(marker)).containsEntry("recovered", true).containsEntry("replayed", marker);
				assertThat(marker).isBetween(7, 9);
				send(w, 13, 13);
				assertThat(events.nextOfType("message")).containsEntry("seq", 13);
			}
		}
	}

	@Test
	void liveMessagesDuringTheCatchUpAreNeitherLostNorDuplicated() {
		TestUser writer = this.users.create("writer");
		TestUser reader = this.users.create("reader");
		try (StompTestClient w = StompTestClient.connect(this.port, writer.token());
				StompTestClient r = StompTestClient.connect(this.port, reader.token())) {
			w.join(this.room);
			send(w, 1, 20);
			Inbox events = r.subscribe("/topic/rooms." + this.room, "since-seq", "0");
			send(w, 21, 40);
			List<Object> seqs = events.next(41)
				.stream()
				.filter((event) -> "message".equals(event.get("type")))
				.map((event) -> event.get("seq"))
				.toList();
			assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
		}
	}

	@Test
	void tooManyMissedMessagesAreReportedAsNotRecovered() {
		TestUser writer = this.users.create("writer");
		TestUser reader = this.users.create("reader");
		try (StompTestClient w = StompTestClient.connect(this.port, writer.token())) {
			Inbox writerEvents = w.join(this.room);
			send(w, 1, 60);
			writerEvents.next(60);
			try (StompTestClient r = StompTestClient.connect(this.port, reader.token())) {
				Inbox events = r.subscribe("/topic/rooms." + this.room, "since-seq", "2");
				assertThat(events.next()).containsEntry("type", "recovery")
					.containsEntry("recovered", false)
					.containsEntry("replayed", 0);
				send(w, 61, 61);
				assertThat(events.next()).containsEntry("seq", 61);
			}
		}
	}

	@Test
	void aRepeatedClientIdIsStoredOnceAndAcknowledgedWithTheSameSeq() {
		TestUser writer = this.users.create("writer");
		try (StompTestClient w = StompTestClient.connect(this.port, writer.token())) {
			Inbox events = w.join(this.room);
			Inbox acks = w.subscribe("/user/queue/acks");
			w.sync();
			w.send("/app/rooms/" + this.room + "/messages", Map.of("text", "once", "clientId", "c-1"), "ack-id", "a");
			w.send("/app/rooms/" + this.room + "/messages", Map.of("text", "once", "clientId", "c-1"), "ack-id", "b");
			w.send("/app/rooms/" + this.room + "/messages", Map.of("text", "next", "clientId", "c-2"), "ack-id", "c");

			assertThat(acks.next()).containsEntry("ackId", "a")
				.containsEntry("seq", 1)
				.containsEntry("duplicate", false);
			assertThat(acks.next()).containsEntry("ackId", "b")
				.containsEntry("seq", 1)
				.containsEntry("duplicate", true);
			assertThat(acks.next()).containsEntry("ackId", "c").containsEntry("seq", 2);
			assertThat(events.next()).containsEntry("seq", 1).containsEntry("clientId", "c-1");
			assertThat(events.next()).containsEntry("seq", 2).containsEntry("clientId", "c-2");
		}
	}

	@Test
	void clientKilledMidStreamGetsEveryMissedMessageExactlyOnceAfterReconnecting() throws Exception {
		TestUser writer = this.users.create("writer");
		TestUser reader = this.users.create("reader");
		try (StompTestClient w = StompTestClient.connect(this.port, writer.token());
				RawStompClient r = RawStompClient.connect(this.port, reader.token(), 65536)) {
			r.send("SUBSCRIBE", Map.of("id", "room", "destination", "/topic/rooms." + this.room), "");
			r.send("SUBSCRIBE", Map.of("id", "members", "destination", "/app/rooms/" + this.room + "/members"), "");
			assertThat(r.readFrame().headers()).containsEntry("subscription", "members");
			// At most 40 are missed, within the recovery limit (50) however many the
			// server has stored by the time the reader subscribes again: with more, the
			// catch-up would rightly report them as not recoverable.
			send(w, 1, 70);
			long lastSeen = 0;
			while (lastSeen < 30) {
				Frame frame = r.readFrame();
				if (frame.headers().containsKey("seq")) {
					assertThat(Long.parseLong(frame.headers().get("seq"))).isEqualTo(lastSeen + 1);
					lastSeen++;
				}
			}
			r.kill();
			try (StompTestClient again = StompTestClient.connect(this.port, reader.token())) {
				Inbox events = again.subscribe("/topic/rooms." + this.room, "since-seq", Long.toString(lastSeen));
				List<Object> seqs = new ArrayList<>();
				while (seqs.size() < 70 - lastSeen) {
					Map<String, Object> event = events.next();
					if ("message".equals(event.get("type"))) {
						seqs.add(event.get("seq"));
					}
					else {
						assertThat(event).containsEntry("type", "recovery").containsEntry("recovered", true);
					}
				}
				assertThat(seqs).containsExactlyElementsOf(
						IntStream.rangeClosed((int) lastSeen + 1, 70).boxed().map(Object.class::cast).toList());
				send(w, 71, 71);
				assertThat(events.nextOfType("message")).containsEntry("seq", 71);
			}
		}
	}

	private void send(StompTestClient client, int from, int to) {
		for (int i = from; i <= to; i++) {
			client.send("/app/rooms/" + this.room + "/messages", Map.of("text", "m" + i));
		}
	}

}
