package dev.switchboard.dashboard.sensors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A made-up greenhouse: temperature, humidity and CO₂ inside and outside, drifting
 * randomly around a slow daily swing. Stands in for real sensors.
 */
final class SimulatedSensors {

	private final RandomGenerator random;

	private double step;

	private double inside = 22;

	private double outside = 12;

	private double humidity = 60;

	private double co2 = 650;

	SimulatedSensors(RandomGenerator random) {
		this.random = random;
	}

	/**
	 * Advance the simulation by one reading and return it, keyed by series.
	 */
	Map<String, Double> read() {
		double swing = Math.sin(this.step++ / 60.0);
		this.inside = drift(this.inside, 22 + 2 * swing, 0.15);
		this.outside = drift(this.outside, 12 + 5 * swing, 0.2);
		this.humidity = drift(this.humidity, 62 - 8 * swing, 0.6);
		this.co2 = drift(this.co2, 650 + 120 * swing, 8);
		Map<String, Double> values = new LinkedHashMap<>();
		values.put("temperature.greenhouse", round(this.inside));
		values.put("temperature.outside", round(this.outside));
		values.put("humidity.greenhouse", round(this.humidity));
		values.put("co2.greenhouse", round(this.co2));
		return values;
	}

	private double drift(double value, double target, double noise) {
		return value + (target - value) * 0.1 + this.random.nextGaussian() * noise;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
