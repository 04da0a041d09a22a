package dev.switchboard.security;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Throttles password guessing, per account name and per client address, and sign-ups per
 * client address (see {@link LoginLimitsProperties}). A login attempt takes a token from
 * both of its buckets before the password is checked, so a throttled attempt costs no
 * BCrypt work; a successful login gives them back, so only failures count.
 */
@Component
public class LoginThrottle {

	private static final Log logger = LogFactory.getLog(LoginThrottle.class);

	private final BoundedBuckets accounts;

	private final BoundedBuckets addresses;

	private final BoundedBuckets signups;

	LoginThrottle(LoginLimitsProperties properties) {
		this.accounts = new BoundedBuckets(properties.failuresPerAccount(), properties.failureWindow(),
				properties.maxTrackedKeys());
		this.addresses = new BoundedBuckets(properties.failuresPerAddress(), properties.failureWindow(),
				properties.maxTrackedKeys());
		this.signups = new BoundedBuckets(properties.signupsPerAddress(), properties.signupWindow(),
				properties.maxTrackedKeys());
	}

	/**
	 * Take a login attempt for an account from an address (either may be {@code null}
	 * when unknown).
	 * @return {@link Duration#ZERO} if it may go ahead, else how long until it may
	 */
	Duration attempt(String username, String address) {
		Duration account = (username != null) ? this.accounts.take(username) : Duration.ZERO;
		if (!account.isZero()) {
			logger.info("Throttled a login to '" + username + "' from " + address + ": too many failures");
			return account;
		}
		Duration client = (address != null) ? this.addresses.take(address) : Duration.ZERO;
		if (!client.isZero()) {
			if (username != null) {
				this.accounts.giveBack(username);
			}
			logger.info("Throttled a login to '" + username + "' from " + address
					+ ": too many failures from this address");
		}
		return client;
	}

	/**
	 * Give back what a successful login attempt took.
	 */
	void succeeded(String username, String address) {
		if (username != null) {
			this.accounts.giveBack(username);
		}
		if (address != null) {
			this.addresses.giveBack(address);
		}
	}

	/**
	 * Take a sign-up from an address.
	 * @return {@link Duration#ZERO} if it may go ahead, else how long until it may
	 */
	public Duration signup(String address) {
		Duration wait = this.signups.take(address);
		if (!wait.isZero()) {
			logger.info("Throttled a sign-up from " + address + ": too many sign-ups from this address");
		}
		return wait;
	}

	/**
	 * Seconds for a {@code Retry-After} header: at least one, rounded up.
	 */
	public static long retryAfterSeconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	int trackedAccounts() {
		return this.accounts.size();
	}

	int trackedAddresses() {
		return this.addresses.size();
	}

}
