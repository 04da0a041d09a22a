package dev.switchboard.dashboard;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Dashboards} and the ticks and snapshots of its feeds.
 */
class DashboardsTests {

	private final StubDashboard open = new StubDashboard("open", (user) -> true);

	private final StubDashboard admins = new StubDashboard("admins", (user) -> Dashboard.hasRole(user, "ADMIN"));

	private final Dashboards dashboards = StubDashboard.dashboards(3, this.open, this.admins);

	@Test
	void ticksAreNumberedAndTheSnapshotKeepsTheMostRecent() {
		for (int i = 1; i <= 5; i++) {
			this.open.values.put("load.cpu", (double) i);
			DashboardTick tick = this.dashboards.feed("open").tick();
			assertThat(tick.id()).isEqualTo(i);
			assertThat(tick.name()).isEqualTo("open");
		}
		DashboardSnapshot snapshot = this.dashboards.snapshot("open");
		assertThat(snapshot.ticks()).extracting(DashboardTick::id).containsExactly(3L, 4L, 5L);
		assertThat(snapshot.ticks()).extracting((tick) -> tick.values().get("load.cpu")).containsExactly(3.0, 4.0, 5.0);
		assertThat(snapshot.lastId()).isEqualTo(5);
		assertThat(snapshot.historySize()).isEqualTo(3);
		assertThat(snapshot.charts()).extracting(Chart::key).containsExactly("load");
	}

	@Test
	void missingAndNonFiniteValuesAreLeftOut() {
		this.open.values.put("load.cpu", 1.5);
		this.open.values.put("load.nan", Double.NaN);
		this.open.values.put("load.infinite", Double.POSITIVE_INFINITY);
		this.open.values.put("load.none", null);
		assertThat(this.dashboards.feed("open").tick().values()).isEqualTo(Map.of("load.cpu", 1.5));
	}

	@Test
	void emptySnapshotHasLastIdZero() {
		assertThat(this.dashboards.snapshot("open").lastId()).isZero();
		assertThat(this.dashboards.snapshot("unknown")).isNull();
	}

	@Test
	void eachDashboardDecidesWhoMaySeeIt() {
		Authentication user = user("alice", "ROLE_USER");
		Authentication admin = user("root", "ROLE_ADMIN");
		assertThat(this.dashboards.visibleTo(user)).containsExactly(this.open);
		assertThat(this.dashboards.visibleTo(admin)).containsExactly(this.open, this.admins);
		assertThat(this.dashboards.canView("admins", user)).isFalse();
		assertThat(this.dashboards.canView("admins", admin)).isTrue();
		assertThat(this.dashboards.canView("unknown", admin)).isFalse();
	}

	@Test
	void defaultAccessIsAnyLoggedInUser() {
		Dashboard plain = new Dashboard() {

			@Override
			public String name() {
				return "plain";
			}

			@Override
			public String title() {
				return "Plain";
			}

			@Override
			public List<Chart> charts() {
				return List.of();
			}

			@Override
			public Map<String, Double> sample() {
				return Map.of();
			}

		};
		assertThat(plain.canView(user("alice", "ROLE_USER"))).isTrue();
		assertThat(plain.canView(null)).isFalse();
	}

	@Test
	void namesMustBeValidAndUnique() {
		assertThatIllegalStateException()
			.isThrownBy(() -> StubDashboard.dashboards(3, new StubDashboard("Bad Name", (user) -> true)));
		assertThatIllegalStateException().isThrownBy(() -> StubDashboard.dashboards(3,
				new StubDashboard("twin", (user) -> true), new StubDashboard("twin", (user) -> true)));
	}

	static Authentication user(String name, String role) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null, AuthorityUtils.createAuthorityList(role));
	}

}
