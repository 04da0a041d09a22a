package dev.switchboard.accounts;

import dev.switchboard.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link AdminAccount} on a fresh database.
 */
class AdminAccountTests {

	private final JdbcClient jdbc = TestDatabase.create();

	private final AccountRepository accounts = new AccountRepository(this.jdbc);

	private final PasswordEncoder encoder = new BCryptPasswordEncoder(4);

	private final AccountService service = new AccountService(this.accounts, this.encoder);

	@Test
	void createsTheAdminWithTheConfiguredPassword() {
		run("root", "root-password");
		Account root = this.accounts.findByUsername("root").orElseThrow();
		assertThat(root.role()).isEqualTo("ADMIN");
		assertThat(this.encoder.matches("root-password", root.passwordHash())).isTrue();
	}

	@Test
	void promotesAnExistingAccountAndSetsTheConfiguredPassword() {
		this.service.signup(new SignupRequest("Carol", "carol-password"));
		run("carol", "new-password");
		Account carol = this.accounts.findByUsername("carol").orElseThrow();
		assertThat(carol.role()).isEqualTo("ADMIN");
		assertThat(carol.username()).isEqualTo("Carol");
		assertThat(this.encoder.matches("new-password", carol.passwordHash())).isTrue();
	}

	@Test
	void promotesWithoutTouchingThePasswordWhenNoneIsConfigured() {
		this.service.signup(new SignupRequest("dave", "dave-password"));
		run("dave", "");
		Account dave = this.accounts.findByUsername("dave").orElseThrow();
		assertThat(dave.role()).isEqualTo("ADMIN");
		assertThat(this.encoder.matches("dave-password", dave.passwordHash())).isTrue();
	}

	@Test
	void creatingTheAdminNeedsAPassword() {
		assertThatIllegalStateException().isThrownBy(() -> run("root", ""))
			.withMessageContaining("switchboard.accounts.admin-password");
		assertThat(this.accounts.findByUsername("root")).isEmpty();
	}

	@Test
	void noAdminNameDoesNothing() {
		run("", "whatever-password");
		assertThat(this.jdbc.sql("select count(*) from accounts").query(Integer.class).single()).isZero();
	}

	private void run(String username, String password) {
		new AdminAccount(new AccountsProperties(username, password), this.accounts, this.service, this.encoder)
			.run(null);
	}

}
