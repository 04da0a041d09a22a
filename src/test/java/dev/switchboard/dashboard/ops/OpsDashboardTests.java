package dev.switchboard.dashboard.ops;

import java.util.Map;

import dev.switchboard.chat.ChatMetrics;
import dev.switchboard.dashboard.Dashboard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link OpsDashboard} over a simple meter registry.
 */
class OpsDashboardTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ChatMetrics chat = new ChatMetrics(this.registry);

	private final OpsDashboard dashboard = new OpsDashboard(this.registry, this.chat);

	@Test
	void ratesArePerSecondSinceTheLastSample() {
		Counter in = Counter.builder(StompTrafficMeters.METER).tag("direction", "in").register(this.registry);
		Counter out = Counter.builder(StompTrafficMeters.METER).tag("direction", "out").register(this.registry);
		Map<String, Double> first = this.dashboard.sample();
		assertThat(first).doesNotContainKeys("stomp.in", "stomp.out");

		in.increment(5);
		out.increment(50);
		Map<String, Double> second = this.dashboard.sample();
		assertThat(second.get("stomp.in")).isPositive();
		assertThat(second.get("stomp.out") / second.get("stomp.in")).isCloseTo(10.0, within(1e-9));
		assertThat(second).containsKeys("latency.mean", "latency.max", "gc.pause", "cpu.process", "heap.used");
	}

	@Test
	void busiestRoomsComeFromTheChatCounts() {
		this.dashboard.sample();
		deliver("lobby", 3);
		deliver("quiet", 1);
		Map<String, Double> values = this.dashboard.sample();
		assertThat(values).containsKeys("rooms.lobby", "rooms.quiet");
		assertThat(values.get("rooms.lobby")).isGreaterThan(values.get("rooms.quiet"));
	}

	@Test
	void onlyAdminsMaySeeIt() {
		assertThat(this.dashboard.canView(UsernamePasswordAuthenticationToken.authenticated("root", null,
				AuthorityUtils.createAuthorityList("ROLE_ADMIN"))))
			.isTrue();
		assertThat(this.dashboard.canView(UsernamePasswordAuthenticationToken.authenticated("alice", null,
				AuthorityUtils.createAuthorityList("ROLE_USER"))))
			.isFalse();
		assertThat(this.dashboard.canView(null)).isFalse();
		assertThat(this.dashboard.charts()).hasSize(8);
		assertThat(((Dashboard) this.dashboard).name()).isEqualTo("ops");
	}

	private void deliver(String room, int count) {
		for (int i = 0; i < count; i++) {
			this.chat.delivered(room, System.nanoTime());
		}
	}

}
