package dev.switchboard.dashboard;

import java.util.Map;

/**
 * One chart of a {@link Dashboard}: it shows every value whose key starts with
 * {@code key + "."}.
 *
 * @param key the chart's key, the first part of its series' keys
 * @param title the heading shown above the chart
 * @param unit the unit of its values, for example {@code ms} or {@code °C}
 * @param series the names shown in the chart's legend, by the part of a series' key after
 * the chart's key (for example {@code greenhouse → Inside}); a series without one is
 * shown by that part of its key
 */
public record Chart(String key, String title, String unit, Map<String, String> series) {

	public Chart {
		series = (series != null) ? Map.copyOf(series) : Map.of();
	}

	/**
	 * A chart whose series are shown by their keys.
	 */
	public Chart(String key, String title, String unit) {
		this(key, title, unit, Map.of());
	}

	/**
	 * The name of a series in the legend.
	 * @param name the part of the series' key after the chart's key
	 */
	public String label(String name) {
		return this.series.getOrDefault(name, name);
	}

}
