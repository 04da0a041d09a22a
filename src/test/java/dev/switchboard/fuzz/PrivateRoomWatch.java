package dev.switchboard.fuzz;

import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers.TestUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A private room whose owner posts marker messages, and a member of it, the bystander,
 * who must receive nothing else: after any fuzz input, the bystander's next room event
 * and next direct message are the owner's markers, and the room's sequence numbers have
 * no gap. Every marker's text starts with a secret that nobody else may ever see.
 */
final class PrivateRoomWatch implements AutoCloseable {

	/** The owner reconnects before its send rate (a burst of 40) could run out. */
	private static final int SENDS_PER_CONNECTION = 30;

	private final int port;

	private final TestUser owner;

	private final TestUser bystander;

	private final String room;

	private final String secret = "secret-" + UUID.randomUUID();

	private final StompTestClient bystanderClient;

	private final Inbox roomEvents;

	private final Inbox directMessages;

	private StompTestClient ownerClient;

	private Inbox ownerAcks;

	private int ownerSends;

	private long lastSeq;

	private int markers;

	PrivateRoomWatch(int port, TestUser owner, TestUser bystander, String room) {
		this.port = port;
		this.owner = owner;
		this.bystander = bystander;
		this.room = room;
		connectOwner();
		ownerSend("/app/rooms", Map.of("name", room, "visibility", "private"));
		ownerSend("/app/rooms/" + room + "/invite", Map.of("user", bystander.name()));
		this.bystanderClient = StompTestClient.connect(port, bystander.token());
		this.directMessages = this.bystanderClient.subscribe("/user/queue/messages");
		this.roomEvents = this.bystanderClient.join(room);
	}

	private String lastMarkerId;

	String secret() {
		return this.secret;
	}

	/**
	 * How many connections the watch keeps open.
	 */
	int connections() {
		return 2;
	}

	/**
	 * The owner posts the next marker to the room, which must take the next sequence
	 * number: nobody else posted meanwhile.
	 */
	String postMarker() {
		String marker = this.secret + "-" + (++this.markers);
		Map<String, Object> ack = ownerSend("/app/rooms/" + this.room + "/messages", Map.of("text", marker));
		assertThat(((Number) ack.get("seq")).longValue()).as("sequence number of the owner's marker")
			.isEqualTo(this.lastSeq + 1);
		this.lastSeq++;
		this.lastMarkerId = (String) ack.get("id");
		return marker;
	}

	/**
	 * The id of the owner's latest marker, which nobody else may edit or delete.
	 */
	String lastMarkerId() {
		return this.lastMarkerId;
	}

	/**
	 * Assert that the bystander's next room event is the given marker, and that a direct
	 * message from the owner is the next one the bystander gets.
	 */
	void assertBystanderGotOnly(String marker) {
		assertThat(this.roomEvents.next()).as("the bystander's next event in the private room")
			.containsEntry("type", "message")
			.containsEntry("from", this.owner.name())
			.containsEntry("text", marker)
			.containsEntry("seq", (int) this.lastSeq);
		String direct = marker + "-direct";
		ownerSend("/app/users/" + this.bystander.name() + "/messages", Map.of("text", direct));
		assertThat(this.directMessages.next()).as("the bystander's next direct message")
			.containsEntry("from", this.owner.name())
			.containsEntry("text", direct);
		assertThat(this.bystanderClient.isConnected()).as("the bystander's connection is open").isTrue();
	}

	private Map<String, Object> ownerSend(String destination, Map<String, Object> payload) {
		if (this.ownerSends == SENDS_PER_CONNECTION) {
			this.ownerClient.close();
			connectOwner();
		}
		this.ownerSends++;
		String ackId = "owner-" + this.ownerSends;
		this.ownerClient.send(destination, payload, "ack-id", ackId);
		Map<String, Object> ack = this.ownerAcks.next();
		assertThat(ack).as("the owner's acknowledgement").containsEntry("ackId", ackId).containsEntry("ok", true);
		return ack;
	}

	private void connectOwner() {
		this.ownerClient = StompTestClient.connect(this.port, this.owner.token());
		this.ownerAcks = this.ownerClient.subscribe("/user/queue/acks");
		this.ownerClient.sync();
		this.ownerSends = 0;
	}

	@Override
	public void close() {
		this.ownerClient.close();
		this.bystanderClient.close();
	}

}
