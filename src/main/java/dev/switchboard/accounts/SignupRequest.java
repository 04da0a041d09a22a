package dev.switchboard.accounts;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A sign-up (or token) request with a user name and a password.
 *
 * @param username 3 to 32 of {@code A-Z a-z 0-9 _ . -}
 * @param password 8 to 72 characters
 */
public record SignupRequest(
		@NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}",
				message = "must be 3 to 32 letters, digits, '_', '.' or '-'") String username,
		@NotNull(message = "is required") @Size(min = 8, max = 72,
				message = "must be 8 to 72 characters") String password) {

}
