package dev.switchboard.accounts;

import java.nio.charset.StandardCharsets;

import dev.switchboard.system.ClientErrorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Creates accounts with BCrypt-hashed passwords.
 */
@Service
public class AccountService {

	private static final Log logger = LogFactory.getLog(AccountService.class);

	private static final int BCRYPT_MAX_BYTES = 72;

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
	}

	/**
	 * Create a user account from a request that passed validation.
	 * @throws ClientErrorException {@code username-taken} if the name exists in any case,
	 * {@code bad-request} if the password is longer than BCrypt accepts
	 */
	public Account signup(SignupRequest request) {
		return create(request.username(), request.password(), "USER");
	}

	/**
	 * Create an account with the given role.
	 */
	Account create(String username, String password, String role) {
		if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
			throw ClientErrorException.badRequest("password must be at most 72 bytes");
		}
		Account account = new Account(username, this.passwordEncoder.encode(password), role);
		if (!this.accounts.insert(account)) {
			throw new ClientErrorException("username-taken", "The name '" + username + "' is taken");
		}
		logger.info("Account created: " + username);
		return account;
	}

}
