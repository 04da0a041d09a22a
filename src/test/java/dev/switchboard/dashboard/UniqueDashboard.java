package dev.switchboard.dashboard;

import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;

/**
 * A dashboard named by the property {@code test.dashboard.name}, any user, whose value
 * counts its samples; added to an instance of a {@code Cluster} with
 * {@code --spring.main.sources=} so that its topic on the shared RabbitMQ belongs to one
 * test run alone.
 */
class UniqueDashboard implements Dashboard {

	private final String name;

	private double samples;

	UniqueDashboard(Environment environment) {
		this.name = environment.getRequiredProperty("test.dashboard.name");
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String title() {
		return "Unique " + this.name;
	}

	@Override
	public List<Chart> charts() {
		return List.of(new Chart("samples", "Samples", ""));
	}

	@Override
	public Map<String, Double> sample() {
		return Map.of("samples.count", ++this.samples);
	}

}
