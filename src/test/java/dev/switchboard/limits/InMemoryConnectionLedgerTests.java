package dev.switchboard.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemoryConnectionLedger}.
 */
class InMemoryConnectionLedgerTests {

	private static final Runnable NOTHING = () -> {
	};

	private final InMemoryConnectionLedger ledger = new InMemoryConnectionLedger();

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopThreads() {
		this.executor.shutdownNow();
	}

	@Test
	void aUserIsRefusedOneConnectionMoreThanTheLimitUntilOneIsReleased() {
		assertThat(this.ledger.tryAccept("alice", "s1", 2, NOTHING)).isTrue();
		assertThat(this.ledger.tryAccept("alice", "s2", 2, NOTHING)).isTrue();
		assertThat(this.ledger.tryAccept("alice", "s3", 2, NOTHING)).isFalse();
		assertThat(this.ledger.tryAccept("bob", "s4", 2, NOTHING)).as("another user has places of his own").isTrue();
		assertThat(this.ledger.connections("alice")).isEqualTo(2);

		this.ledger.release("alice", "s1", NOTHING);

		assertThat(this.ledger.connections("alice")).isOne();
		assertThat(this.ledger.tryAccept("alice", "s3", 2, NOTHING)).isTrue();
	}

	@Test
	void aSessionIsCountedOnceAndReleasingAnUnknownOneChangesNothing() {
		this.ledger.tryAccept("alice", "s1", 2, NOTHING);
		this.ledger.tryAccept("alice", "s1", 2, NOTHING);
		this.ledger.release("alice", "unknown", NOTHING);
		this.ledger.release("nobody", "s1", NOTHING);

		assertThat(this.ledger.connections("alice")).isOne();
		assertThat(this.ledger.connections("nobody")).isZero();
	}

	@Test
	void theFirstConnectionAndTheLastReleaseAreToldOnce() {
		List<String> told = new ArrayList<>();
		this.ledger.tryAccept("alice", "s1", 3, () -> told.add("first s1"));
		this.ledger.tryAccept("alice", "s1", 3, () -> told.add("first s1 again"));
		this.ledger.tryAccept("alice", "s2", 3, () -> told.add("first s2"));
		this.ledger.release("alice", "s1", () -> told.add("last s1"));
		this.ledger.release("alice", "unknown", () -> told.add("last unknown"));
		this.ledger.release("alice", "s2", () -> told.add("last s2"));
		this.ledger.release("alice", "s2", () -> told.add("last s2 again"));

		assertThat(told).containsExactly("first s1", "last s2");
		assertThat(this.ledger.users()).isZero();
	}

	@Test
	void concurrentConnectsOfOneUserTellOneFirst() throws Exception {
		List<String> told = new CopyOnWriteArrayList<>();
		CyclicBarrier start = new CyclicBarrier(8);
		List<Callable<Boolean>> tasks = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String session = "s" + i;
			tasks.add(() -> {
				start.await(10, TimeUnit.SECONDS);
				return this.ledger.tryAccept("alice", session, 8, () -> told.add(session));
			});
		}
		for (Future<Boolean> result : this.executor.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
			assertThat(result.get()).isTrue();
		}
		assertThat(told).hasSize(1);
		assertThat(this.ledger.users(10)).containsExactly("alice");
	}

	@Test
	void concurrentConnectionsOfOneUserAreAcceptedUpToTheLimit() throws Exception {
		CyclicBarrier start = new CyclicBarrier(8);
		List<Callable<Boolean>> tasks = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String session = "s" + i;
			tasks.add(() -> {
				start.await(10, TimeUnit.SECONDS);
				return this.ledger.tryAccept("alice", session, 3, NOTHING);
			});
		}
		int accepted = 0;
		for (Future<Boolean> result : this.executor.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
			accepted += result.get() ? 1 : 0;
		}
		assertThat(accepted).isEqualTo(3);
		assertThat(this.ledger.connections("alice")).isEqualTo(3);
	}

}
