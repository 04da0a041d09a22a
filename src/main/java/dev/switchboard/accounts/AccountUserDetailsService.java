package dev.switchboard.accounts;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Loads accounts for Spring Security's login, by name regardless of case; the principal
 * carries the name as spelled at sign-up.
 */
@Service
class AccountUserDetailsService implements UserDetailsService {

	private final AccountRepository accounts;

	AccountUserDetailsService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.accounts.findByUsername(username)
			.map((account) -> User.withUsername(account.username())
				.password(account.passwordHash())
				.roles(account.role())
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("No account " + username));
	}

}
