package dev.switchboard.dashboard.sensors;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import dev.switchboard.dashboard.Chart;
import dev.switchboard.dashboard.Dashboard;

import org.springframework.stereotype.Component;

/**
 * An example domain dashboard ({@code sensors}, every logged-in user): greenhouse
 * readings from {@link SimulatedSensors}. Built only from the extension point
 * ({@link Dashboard}) and its page {@code templates/dashboards/sensors.html}; replace the
 * simulated source with real readings to show your own data.
 */
@Component
class SensorsDashboard implements Dashboard {

	private final SimulatedSensors sensors = new SimulatedSensors(RandomGenerator.getDefault());

	@Override
	public String name() {
		return "sensors";
	}

	@Override
	public String title() {
		return "Greenhouse sensors";
	}

	@Override
	public List<Chart> charts() {
		return List.of(
				new Chart("temperature", "Temperature", "°C", Map.of("greenhouse", "Inside", "outside", "Outside")),
				new Chart("humidity", "Humidity", "%", Map.of("greenhouse", "Inside")),
				new Chart("co2", "CO₂", "ppm", Map.of("greenhouse", "Inside")));
	}

	@Override
	public Map<String, Double> sample() {
		return this.sensors.read();
	}

}
