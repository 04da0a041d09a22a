package dev.switchboard.presence;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemoryPresenceLedger}.
 */
class InMemoryPresenceLedgerTests {

	private final InMemoryPresenceLedger ledger = new InMemoryPresenceLedger();

	private final List<PresenceEvent> events = new ArrayList<>();

	@Test
	void onlyTheFirstSubscriptionOfAUserToARoomJoins() {
		this.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.ledger.subscribe("s2", "sub-1", "lobby", "alice", this.events::add);
		this.ledger.subscribe("s2", "sub-2", "garden", "alice", this.events::add);

		assertThat(this.events).containsExactly(joined("lobby", "alice"), joined("garden", "alice"));
		assertThat(this.ledger.subscriptions("lobby", "alice")).isEqualTo(2);
	}

	@Test
	void onlyTheLastSubscriptionOfAUserToARoomLeaves() {
		this.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.ledger.subscribe("s2", "sub-1", "lobby", "alice", this.events::add);
		this.events.clear();

		this.ledger.unsubscribe("s1", "sub-1", this.events::add);
		assertThat(this.events).isEmpty();
		assertThat(this.ledger.members("lobby")).containsExactly("alice");

		this.ledger.unsubscribe("s2", "sub-1", this.events::add);
		assertThat(this.events).containsExactly(left("lobby", "alice"));
		assertThat(this.ledger.members("lobby")).isEmpty();
	}

	@Test
	void forgettingASessionLeavesEachRoomWhereItHeldTheLastSubscription() {
		this.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.ledger.subscribe("s1", "sub-2", "garden", "alice", this.events::add);
		this.ledger.subscribe("s2", "sub-1", "garden", "alice", this.events::add);
		this.events.clear();

		this.ledger.forgetSession("s1", this.events::add);

		assertThat(this.events).containsExactly(left("lobby", "alice"));
		assertThat(this.ledger.members("garden")).containsExactly("alice");
	}

	@Test
	void aSubscriptionIdIsCountedOncePerSession() {
		this.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		assertThat(this.ledger.subscriptions("lobby", "alice")).isEqualTo(1);

		this.ledger.unsubscribe("s1", "sub-1", this.events::add);
		assertThat(this.events).containsExactly(joined("lobby", "alice"), left("lobby", "alice"));
	}

	@Test
	void membersAreListedByName() {
		this.ledger.subscribe("s1", "sub-1", "lobby", "carol", this.events::add);
		this.ledger.subscribe("s2", "sub-1", "lobby", "alice", this.events::add);
		this.ledger.subscribe("s3", "sub-1", "garden", "bob", this.events::add);

		assertThat(this.ledger.members("lobby")).containsExactly("alice", "carol");
		assertThat(this.ledger.members("nowhere")).isEmpty();
	}

	@Test
	void unknownSubscriptionsAndSessionsAreIgnored() {
		this.ledger.unsubscribe("s1", "sub-1", this.events::add);
		this.ledger.forgetSession("s1", this.events::add);
		assertThat(this.events).isEmpty();
	}

	private static PresenceEvent joined(String room, String user) {
		return new PresenceEvent(room, user, PresenceEvent.JOINED);
	}

	private static PresenceEvent left(String room, String user) {
		return new PresenceEvent(room, user, PresenceEvent.LEFT);
	}

}
