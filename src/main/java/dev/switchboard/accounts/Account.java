package dev.switchboard.accounts;

/**
 * A user account.
 *
 * @param username the name as chosen at sign-up (unique regardless of case)
 * @param passwordHash BCrypt hash of the password
 * @param role {@code USER} or {@code ADMIN}
 */
public record Account(String username, String passwordHash, String role) {

}
