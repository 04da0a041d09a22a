package dev.switchboard.security;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check of the form login and the token endpoint, behind the
 * {@link LoginThrottle}: an attempt over a limit fails with
 * {@link LoginThrottledException} before the password is hashed. The client address comes
 * from the attempt's {@link WebAuthenticationDetails}.
 */
class ThrottledAuthenticationManager implements AuthenticationManager {

	private final AuthenticationManager passwords;

	private final LoginThrottle throttle;

	ThrottledAuthenticationManager(AuthenticationManager passwords, LoginThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication attempt) throws AuthenticationException {
		if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
			return this.passwords.authenticate(attempt);
		}
		String username = attempt.getName();
		String address = (attempt.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
		Duration wait = this.throttle.attempt(username, address);
		if (!wait.isZero()) {
			throw new LoginThrottledException(wait);
		}
		Authentication authenticated = this.passwords.authenticate(attempt);
		this.throttle.succeeded(username, address);
		return authenticated;
	}

}
