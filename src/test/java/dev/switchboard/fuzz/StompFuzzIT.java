package dev.switchboard.fuzz;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.fuzz.Attack.Connect;
import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers.TestUser;
import dev.switchboard.support.TestUsers;
import dev.switchboard.websocket.WebSocketConnections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of {@code /ws} over real WebSocket connections: random bytes,
 * broken STOMP, and well-formed frames to every destination, with valid and forged
 * credentials. After each input the server must still serve a new connection, nothing may
 * have reached a private room the fuzzing user is not in (or its member), and the fuzzing
 * connection must have received nothing from that room.
 */
@SwitchboardTest
@Import(ServerActivity.class)
@TestInstance(Lifecycle.PER_CLASS)
class StompFuzzIT {

	@LocalServerPort
	int port;

	@Autowired
	ServerActivity activity;

	@Autowired
	WebSocketConnections connections;

	@Autowired
	JwtEncoder jwtEncoder;

	Targets targets;

	PrivateRoomWatch watch;

	TestUser prober;

	String probeRoom;

	int probes;

	@BeforeAll
	void setUp() {
		TestUsers users = new TestUsers(this.port);
		TestUser owner = users.create("owner");
		TestUser bystander = users.create("bystander");
		TestUser fuzzer = users.create("fuzzer");
		this.prober = users.create("prober");
		String id = UUID.randomUUID().toString().substring(0, 8);
		this.probeRoom = "probe-" + id;
		this.watch = new PrivateRoomWatch(this.port, owner, bystander, "private-" + id);
		// A first marker, so that edits and deletions can aim at a message of the owner.
		this.watch.assertBystanderGotOnly(this.watch.postMarker());
		this.targets = new Targets("private-" + id, List.of("fuzz-" + id, "fuzz-" + id + "-2"), owner.name(),
				bystander.name(), fuzzer.name(), Credential.all(fuzzer, owner.name(), this.jwtEncoder),
				this.watch.lastMarkerId());
		assertThat(this.activity.tasks()).as("frames handled through the watched executor").isPositive();
	}

	@AfterAll
	void tearDown() {
		this.watch.close();
	}

	@Test
	void randomBytesHarmNoOne() {
		Property.forAll("random bytes", 100, Noise.attacks(this.targets), this::survives);
	}

	@Test
	void malformedFramesHarmNoOne() {
		Property.forAll("malformed frames", 120, Malformed.attacks(this.targets), this::survives);
	}

	@Test
	void sendsReachOnlyWhereAllowed() {
		Property.forAll("sends", 120, WellFormed.sends(this.targets), this::survives);
	}

	@Test
	void subscriptionsRevealNothingPrivate() {
		Property.forAll("subscriptions", 120, WellFormed.subscriptions(this.targets), this::survives);
	}

	/**
	 * Run the attack on a new connection, then check that the server is healthy and that
	 * nothing crossed into or out of the private room.
	 */
	private void survives(Attack attack) {
		String marker = null;
		String received;
		try (RawConnection connection = RawConnection.open(this.port)) {
			boolean connected = attack.sendTo(connection);
			if (attack.connect() == Connect.FIRST_AND_WAIT) {
				assertThat(connected).as("CONNECT accepted").isEqualTo(attack.credential().valid());
			}
			if (attack.leavesConnected() && connection.awaitConnected()
					&& connection.sync(this.targets.publicRooms().get(0))) {
				// Everything the attack sent is handled: a live post to the private room
				// reaches its subscribers before the next reply to this connection.
				marker = this.watch.postMarker();
				connection.sync(this.targets.publicRooms().get(0));
			}
			connection.close();
			received = connection.received();
		}
		this.activity.awaitQuiet(this.connections::count, this.watch.connections());
		assertNothingLeaked(received);
		this.watch.assertBystanderGotOnly((marker != null) ? marker : this.watch.postMarker());
		probe();
	}

	private void assertNothingLeaked(String received) {
		String room = this.targets.privateRoom();
		assertThat(received).as("what the fuzzing connection received")
			.doesNotContain(this.watch.secret())
			.doesNotContain("\ndestination:/topic/rooms." + room + "\n")
			.doesNotContain("\ndestination:/app/rooms/" + room + "/members\n")
			.doesNotContain("\"code\":\"internal\"");
		for (String frame : received.split("\0")) {
			if (frame.contains("\"ok\":true")) {
				assertThat(frame).as("an acknowledgement to the fuzzing connection")
					.doesNotContain("\"room\":\"" + room + "\"")
					.doesNotContain("\"name\":\"" + room + "\"");
			}
		}
	}

	/**
	 * A new connection can still join a room and hear its own message.
	 */
	private void probe() {
		try (StompTestClient probe = StompTestClient.connect(this.port, this.prober.token())) {
			Inbox events = probe.join(this.probeRoom);
			String text = "probe " + (++this.probes);
			probe.send("/app/rooms/" + this.probeRoom + "/messages", Map.of("text", text));
			assertThat(events.nextOfType("message")).containsEntry("text", text);
		}
	}

}
