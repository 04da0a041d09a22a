package dev.switchboard.loadtest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

/**
 * The figures of one run, printed as a table row and as JSON.
 */
final class Report {

	private final Map<String, Object> figures = new LinkedHashMap<>();

	Report(String scenario, String server) {
		this.figures.put("scenario", scenario);
		this.figures.put("server", server);
	}

	Report put(String name, Object value) {
		this.figures.put(name, value);
		return this;
	}

	/** Add latency percentiles (milliseconds) from a histogram of microseconds. */
	Report latencies(Histogram histogram) {
		put("p50Ms", millis(histogram.getValueAtPercentile(50)));
		put("p99Ms", millis(histogram.getValueAtPercentile(99)));
		put("p999Ms", millis(histogram.getValueAtPercentile(99.9)));
		put("maxMs", millis(histogram.getMaxValue()));
		return this;
	}

	private static double millis(long micros) {
		return Math.round(micros / 100.0) / 10.0;
	}

	/** Whether anything was lost or refused, or (in {@code hostile}) left unanswered. */
	boolean lostOrRefused() {
		return isPositive("lost") || isPositive("refused") || isPositive("unanswered");
	}

	private boolean isPositive(String name) {
		return this.figures.get(name) instanceof Number number && number.longValue() > 0;
	}

	String table() {
		String header = String.join(" | ", this.figures.keySet());
		String values = this.figures.values().stream().map(String::valueOf).collect(Collectors.joining(" | "));
		return "| " + header + " |\n|" + "---|".repeat(this.figures.size()) + "\n| " + values + " |";
	}

	String json() {
		return this.figures.entrySet()
			.stream()
			.map((entry) -> "\"" + entry.getKey() + "\":" + json(entry.getValue()))
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String json(Object value) {
		return (value instanceof Number || value instanceof Boolean) ? value.toString() : "\"" + value + "\"";
	}

}
