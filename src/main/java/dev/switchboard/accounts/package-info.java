/**
 * User accounts: sign-up, login and access tokens.
 */
package dev.switchboard.accounts;
