package dev.switchboard.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on password guessing and sign-ups, under {@code switchboard.security.login}.
 * Each limit is a bucket that holds its number of attempts and refills to it, evenly,
 * over its window; an attempt on an empty bucket is answered with 429 and
 * {@code Retry-After}, without checking the password.
 *
 * @param failuresPerAccount failed logins one account name may get per window (default
 * 5), from any address; its owner can log in again once the bucket has refilled
 * @param failuresPerAddress failed logins from one client address per window (default
 * 20), for any account names
 * @param failureWindow the window of both failure limits (default 1 minute)
 * @param signupsPerAddress sign-ups from one client address per window (default 10)
 * @param signupWindow the window of the sign-up limit (default 1 hour)
 * @param maxTrackedKeys how many account names and how many addresses are tracked at
 * most, each (default 10,000); past that the least recently seen are forgotten
 */
@ConfigurationProperties("switchboard.security.login")
public record LoginLimitsProperties(@DefaultValue("5") int failuresPerAccount,
		@DefaultValue("20") int failuresPerAddress, @DefaultValue("1m") Duration failureWindow,
		@DefaultValue("10") int signupsPerAddress, @DefaultValue("1h") Duration signupWindow,
		@DefaultValue("10000") int maxTrackedKeys) {

}
