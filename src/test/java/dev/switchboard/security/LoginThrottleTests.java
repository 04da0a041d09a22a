package dev.switchboard.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LoginThrottle}.
 */
class LoginThrottleTests {

	@Test
	void anAccountGetsItsFailuresThenWaitsForTheBucketToRefill() {
		LoginThrottle throttle = throttle(3, 100, Duration.ofMillis(600), 100);
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.attempt("alice", "10.0.0.1")).isZero();
		}
		Duration wait = throttle.attempt("alice", "10.0.0.2");
		assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(600));
		assertThat(throttle.attempt("ALICE", "10.0.0.3")).as("names in any letter case").isPositive();
		assertThat(throttle.attempt("bob", "10.0.0.1")).as("other accounts are not affected").isZero();
		await().atMost(Duration.ofSeconds(5)).until(() -> throttle.attempt("alice", "10.0.0.1").isZero());
	}

	@Test
	void anAddressGetsItsFailuresAcrossAccountNames() {
		LoginThrottle throttle = throttle(100, 4, Duration.ofMinutes(1), 100);
		for (int i = 0; i < 4; i++) {
			assertThat(throttle.attempt("user" + i, "10.0.0.1")).isZero();
		}
		assertThat(throttle.attempt("user9", "10.0.0.1")).isPositive();
		assertThat(throttle.attempt("user9", "10.0.0.2")).as("other addresses are not affected").isZero();
	}

	@Test
	void aThrottledAddressTakesNothingFromTheAccount() {
		LoginThrottle throttle = throttle(2, 1, Duration.ofMinutes(1), 100);
		assertThat(throttle.attempt("alice", "10.0.0.1")).isZero();
		assertThat(throttle.attempt("alice", "10.0.0.1")).as("the address is used up").isPositive();
		assertThat(throttle.attempt("alice", "10.0.0.2")).as("the account still has one").isZero();
	}

	@Test
	void successfulLoginsDoNotCount() {
		LoginThrottle throttle = throttle(2, 2, Duration.ofMinutes(1), 100);
		for (int i = 0; i < 10; i++) {
			assertThat(throttle.attempt("alice", "10.0.0.1")).isZero();
			throttle.succeeded("alice", "10.0.0.1");
		}
	}

	@Test
	void signUpsAreLimitedPerAddress() {
		LoginThrottle throttle = new LoginThrottle(
				new LoginLimitsProperties(5, 20, Duration.ofMinutes(1), 2, Duration.ofHours(1), 100));
		assertThat(throttle.signup("10.0.0.1")).isZero();
		assertThat(throttle.signup("10.0.0.1")).isZero();
		assertThat(throttle.signup("10.0.0.1")).isPositive();
		assertThat(throttle.signup("10.0.0.2")).isZero();
	}

	@Test
	void aFloodOfDistinctNamesAndAddressesKeepsABoundedNumberOfBuckets() {
		LoginThrottle throttle = throttle(5, 5, Duration.ofMinutes(1), 100);
		for (int i = 0; i < 20_000; i++) {
			throttle.attempt("name" + i, "10.0." + (i / 256) + "." + (i % 256));
		}
		assertThat(throttle.trackedAccounts()).isEqualTo(100);
		assertThat(throttle.trackedAddresses()).isEqualTo(100);
	}

	@Test
	void retryAfterIsWholeSecondsRoundedUp() {
		assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1))).isOne();
		assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
		assertThat(LoginThrottle.retryAfterSeconds(Duration.ZERO)).isOne();
	}

	private static LoginThrottle throttle(int perAccount, int perAddress, Duration window, int maxKeys) {
		return new LoginThrottle(
				new LoginLimitsProperties(perAccount, perAddress, window, 10, Duration.ofHours(1), maxKeys));
	}

}
