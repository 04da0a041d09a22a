package dev.switchboard.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings, under {@code switchboard.accounts}.
 *
 * @param adminUsername the account made an administrator at start-up, created if absent
 * (default empty: none)
 * @param adminPassword that account's password, set at start-up; required to create it,
 * optional to promote an existing account (default empty: keep its password)
 */
@ConfigurationProperties("switchboard.accounts")
public record AccountsProperties(@DefaultValue("") String adminUsername, @DefaultValue("") String adminPassword) {

}
