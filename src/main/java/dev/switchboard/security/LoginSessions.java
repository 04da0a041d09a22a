package dev.switchboard.security;

import java.util.Collection;
import java.util.Set;

/**
 * Which HTTP login sessions still exist, as seen by every instance sharing the session
 * store: a session that logged out (on any instance) or expired is gone.
 */
interface LoginSessions {

	/**
	 * Return those of the given session ids whose session exists and has not expired at
	 * {@code now} (ms since the epoch).
	 */
	Set<String> live(Collection<String> httpSessionIds, long now);

}
