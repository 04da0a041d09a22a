package dev.switchboard.accounts;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes the account named by {@code switchboard.accounts.admin-username} an administrator
 * at start-up: creates it with the configured password, or promotes it (and sets the
 * configured password, if one is given) when it exists.
 */
@Component
class AdminAccount implements ApplicationRunner {

	static final String ADMIN = "ADMIN";

	private static final Log logger = LogFactory.getLog(AdminAccount.class);

	private final AccountsProperties properties;

	private final AccountRepository accounts;

	private final AccountService accountService;

	private final PasswordEncoder passwordEncoder;

	AdminAccount(AccountsProperties properties, AccountRepository accounts, AccountService accountService,
			PasswordEncoder passwordEncoder) {
		this.properties = properties;
		this.accounts = accounts;
		this.accountService = accountService;
		this.passwordEncoder = passwordEncoder;
	}

	@Override
	public void run(ApplicationArguments args) {
		String username = this.properties.adminUsername();
		String password = this.properties.adminPassword();
		if (username.isBlank()) {
			return;
		}
		Account existing = this.accounts.findByUsername(username).orElse(null);
		if (existing == null) {
			if (password.length() < 8) {
				throw new IllegalStateException("switchboard.accounts.admin-password must have at least 8 characters "
						+ "to create the admin account '" + username + "'");
			}
			this.accountService.create(username, password, ADMIN);
			logger.info("Created the admin account " + username);
			return;
		}
		String hash = password.isEmpty() ? existing.passwordHash() : this.passwordEncoder.encode(password);
		this.accounts.update(new Account(existing.username(), hash, ADMIN));
		if (!ADMIN.equals(existing.role())) {
			logger.info("Made " + existing.username() + " an admin");
		}
	}

}
