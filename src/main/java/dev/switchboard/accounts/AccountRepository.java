package dev.switchboard.accounts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores accounts; looks names up regardless of case.
 */
@Repository
public class AccountRepository {

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Find an account by name, ignoring case.
	 */
	public Optional<Account> findByUsername(String username) {
		return this.jdbc.sql("select username, password_hash, role from accounts where username_key = ?")
			.param(key(username))
			.query(Account.class)
			.optional();
	}

	/**
	 * Up to {@code limit} user names starting with a prefix (ignoring case), by name.
	 */
	List<String> startingWith(String prefix, int limit) {
		String pattern = key(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return this.jdbc
			.sql("select username from accounts where username_key like ? escape '\\' order by username_key limit ?")
			.params(pattern, limit)
			.query(String.class)
			.list();
	}

	/**
	 * Insert a new account.
	 * @return {@code false} if the name (in any case) is taken
	 */
	boolean insert(Account account) {
		try {
			this.jdbc.sql("insert into accounts (username, username_key, password_hash, role) values (?, ?, ?, ?)")
				.params(account.username(), key(account.username()), account.passwordHash(), account.role())
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Change an existing account's password hash and role.
	 */
	void update(Account account) {
		this.jdbc.sql("update accounts set password_hash = ?, role = ? where username_key = ?")
			.params(account.passwordHash(), account.role(), key(account.username()))
			.update();
	}

	private static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

}
