package dev.switchboard.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A login attempt refused without checking the password, because its account or its
 * client address failed too often lately.
 */
public class LoginThrottledException extends AuthenticationException {

	private final transient Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed logins; try again in " + LoginThrottle.retryAfterSeconds(retryAfter) + " s");
		this.retryAfter = retryAfter;
	}

	/**
	 * How long until another attempt may be made.
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
