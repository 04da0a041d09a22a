package dev.switchboard.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

	private final InMemoryConnectionLedger ledger = new InMemoryConnectionLedger();

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopThreads() {
		this.executor.shutdownNow();
	}

	@Test
	void aUserIsRefusedOneConnectionMoreThanTheLimitUntilOneIsReleased() {
		assertThat(this.ledger.tryAccept("alice", "s1", 2)).isTrue();
		assertThat(this.ledger.tryAccept("alice", "s2", 2)).isTrue();
		assertThat(this.ledger.tryAccept("alice", "s3", 2)).isFalse();
		assertThat(this.ledger.tryAccept("bob", "s4", 2)).as("another user has places of his own").isTrue();
		assertThat(this.ledger.connections("alice")).isEqualTo(2);

		this.ledger.release("alice", "s1");

		assertThat(this.ledger.connections("alice")).isOne();
		assertThat(this.ledger.tryAccept("alice", "s3", 2)).isTrue();
	}

	@Test
	void aSessionIsCountedOnceAndReleasingAnUnknownOneChangesNothing() {
		this.ledger.tryAccept("alice", "s1", 2);
		this.ledger.tryAccept("alice", "s1", 2);
		this.ledger.release("alice", "unknown");
		this.ledger.release("nobody", "s1");

		assertThat(this.ledger.connections("alice")).isOne();
		assertThat(this.ledger.connections("nobody")).isZero();
	}

	@Test
	void concurrentConnectionsOfOneUserAreAcceptedUpToTheLimit() throws Exception {
		CyclicBarrier start = new CyclicBarrier(8);
		List<Callable<Boolean>> tasks = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String session = "s" + i;
			tasks.add(() -> {
				start.await(10, TimeUnit.SECONDS);
				return this.ledger.tryAccept("alice", session, 3);
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
