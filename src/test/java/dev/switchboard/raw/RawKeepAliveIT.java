package dev.switchboard.raw;

import dev.switchboard.limits.ConnectionLimits;
import dev.switchboard.support.RawSocket;
import dev.switchboard.support.RawSocket.Frame;
import dev.switchboard.support.RawTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idle raw connections are pinged; one that answers stays open, one that does not is
 * closed (here with a ping interval of one second).
 */
@SwitchboardTest(properties = { "switchboard.raw.ping-interval=1s", "switchboard.raw.max-binary-message-size=16KB" })
class RawKeepAliveIT {

	@LocalServerPort
	int port;

	@Autowired
	ConnectionLimits limits;

	TestUsers users;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
	}

	@Test
	void anIdleClientThatAnswersPingsStaysConnected() {
		TestUser alice = this.users.create("alice");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token())) {
			await().until(() -> raw.pings() >= 3);
			assertThat(raw.isClosed()).isFalse();
			raw.join("lobby");
		}
	}

	@Test
	void aClientThatLeavesPingsUnansweredIsClosedWith1001() throws Exception {
		TestUser alice = this.users.create("alice");
		try (RawSocket silent = RawSocket.connect(this.port, alice.token(), 65536)) {
			boolean pinged = false;
			Frame frame;
			while ((frame = silent.read()).opcode() != Frame.CLOSE) {
				pinged |= frame.opcode() == Frame.PING;
			}
			assertThat(pinged).isTrue();
			assertThat(frame.closeCode()).isEqualTo(1001);
		}
	}

	@Test
	void aClientThatReadsNothingIsClosedEvenWhenNothingIsWrittenToIt() throws Exception {
		TestUser alice = this.users.create("alice");
		try (RawSocket stalled = RawSocket.connect(this.port, alice.token(), 65536)) {
			await().until(() -> this.limits.connections(alice.name()) == 1);
			await().until(() -> this.limits.connections(alice.name()) == 0);
			Frame frame;
			while ((frame = stalled.read()).opcode() != Frame.CLOSE) {
				assertThat(frame.opcode()).isIn(Frame.TEXT, Frame.PING);
			}
			assertThat(frame.closeCode()).isEqualTo(1001);
		}
	}

}
