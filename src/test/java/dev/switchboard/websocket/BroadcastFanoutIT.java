package dev.switchboard.websocket;

import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.WebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Room broadcasts in the running server take the {@link BroadcastFanout}, through the
 * sessions Spring's STOMP handler writes to.
 */
@SwitchboardTest
class BroadcastFanoutIT {

	@LocalServerPort
	int port;

	@Autowired
	BroadcastFanout fanout;

	@Autowired
	@Qualifier("subProtocolWebSocketHandler")
	WebSocketHandler stompHandler;

	@Test
	void roomBroadcastIsWrittenByTheFanout() {
		assertThat(this.stompHandler).isInstanceOf(StompWebSocketHandler.class);
		TestUsers users = new TestUsers(this.port);
		String room = "fanout-" + UUID.randomUUID().toString().substring(0, 8);
		try (StompTestClient alice = StompTestClient.connect(this.port, users.create("alice").token());
				StompTestClient bob = StompTestClient.connect(this.port, users.create("bob").token())) {
			alice.join(room);
			Inbox bobEvents = bob.join(room);
			alice.sync();
			long before = this.fanout.written();

			alice.send("/app/rooms/" + room + "/messages", Map.of("text", "hello"));

			assertThat(bobEvents.nextOfType("message")).containsEntry("text", "hello");
			// Bob may read his frame before the fan-out has written Alice's.
			await().untilAsserted(
					() -> assertThat(this.fanout.written() - before).as("a frame for each of the two members")
						.isGreaterThanOrEqualTo(2));
		}
	}

}
