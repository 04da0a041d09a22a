package dev.switchboard.accounts;

import java.util.List;
import java.util.regex.Pattern;

import dev.switchboard.system.ClientErrorException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/users?prefix={start}&limit={n}}: user names starting with the given
 * letters (in any case), to find someone to talk to.
 */
@RestController
class UserSearchController {

	static final int MAX_LIMIT = 20;

	private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	private final AccountRepository accounts;

	UserSearchController(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/api/users")
	Users search(@RequestParam String prefix, @RequestParam(defaultValue = "10") int limit) {
		if (!PREFIX.matcher(prefix).matches()) {
			throw ClientErrorException.badRequest("prefix must be 1 to 32 of A-Z a-z 0-9 _ . -");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ClientErrorException.badRequest("limit must be 1 to " + MAX_LIMIT);
		}
		return new Users(this.accounts.startingWith(prefix, limit));
	}

	/**
	 * The answer: user names, by name.
	 *
	 * @param users the names as chosen at sign-up
	 */
	record Users(List<String> users) {

	}

}
