package dev.switchboard.chat;

import java.util.Map;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct messages reach every connection of the recipient and of the sender.
 */
@SwitchboardTest
class DirectMessagesIT {

	@LocalServerPort
	int port;

	@Test
	void directMessageReachesAllConnectionsOfRecipientAndACopyToTheSender() {
		TestUsers users = new TestUsers(this.port);
		TestUser alice = users.create("alice");
		TestUser bob = users.create("bob");
		TestUser carol = users.create("carol");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient bobPhone = StompTestClient.connect(this.port, bob.token());
				StompTestClient bobLaptop = StompTestClient.connect(this.port, bob.token());
				StompTestClient c = StompTestClient.connect(this.port, carol.token())) {
			Inbox aliceInbox = a.subscribe("/user/queue/messages");
			Inbox phone = bobPhone.subscribe("/user/queue/messages");
			Inbox laptop = bobLaptop.subscribe("/user/queue/messages");
			Inbox carolInbox = c.subscribe("/user/queue/messages");
			Inbox carolAcks = c.subscribe("/user/queue/acks");
			c.sync();
			bobLaptop.sync();
			bobPhone.sync();
			a.sync();

			a.send("/app/users/" + bob.name().toUpperCase() + "/messages", Map.of("text", "psst"));

			Map<String, Object> atPhone = phone.next();
			assertThat(atPhone).containsEntry("type", "direct")
				.containsEntry("from", alice.name())
				.containsEntry("to", bob.name())
				.containsEntry("text", "psst");
			assertThat(laptop.next()).isEqualTo(atPhone);
			assertThat(aliceInbox.next()).isEqualTo(atPhone);

			// Carol gets nothing: her next direct message is one addressed to her.
			c.send("/app/users/" + carol.name() + "/messages", Map.of("text", "note to self"), "ack-id", "n");
			assertThat(carolAcks.next()).containsEntry("ok", true);
			assertThat(carolInbox.next()).containsEntry("text", "note to self");
		}
	}

	@Test
	void directMessageToUnknownUserIsAnError() {
		TestUsers users = new TestUsers(this.port);
		TestUser alice = users.create("alice");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token())) {
			Inbox errors = a.subscribe("/user/queue/errors");
			a.sync();
			a.send("/app/users/nobody-here/messages", Map.of("text", "hello?"));
			assertThat(errors.next()).containsEntry("code", "user-not-found")
				.containsEntry("destination", "/app/users/nobody-here/messages");
		}
	}

}
