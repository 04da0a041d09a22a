package dev.switchboard.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.security.core.Authentication;

/**
 * A dashboard whose values and viewers the test sets.
 */
class StubDashboard implements Dashboard {

	private final String name;

	private final Predicate<Authentication> viewers;

	final Map<String, Double> values = new LinkedHashMap<>();

	RuntimeException failure;

	int samples;

	StubDashboard(String name, Predicate<Authentication> viewers) {
		this.name = name;
		this.viewers = viewers;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String title() {
		return "Stub " + this.name;
	}

	@Override
	public List<Chart> charts() {
		return List.of(new Chart("load", "Load", "%"));
	}

	@Override
	public boolean canView(Authentication user) {
		return this.viewers.test(user);
	}

	@Override
	public Map<String, Double> sample() {
		this.samples++;
		if (this.failure != null) {
			throw this.failure;
		}
		return this.values;
	}

	static Dashboards dashboards(int historySize, Dashboard... dashboards) {
		return new Dashboards(List.of(dashboards),
				new DashboardProperties(java.time.Duration.ofSeconds(1), historySize));
	}

}
