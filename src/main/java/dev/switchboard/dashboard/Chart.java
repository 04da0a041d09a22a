package dev.switchboard.dashboard;

/**
 * One chart of a {@link Dashboard}: it shows every value whose key starts with
 * {@code key + "."}.
 *
 * @param key the chart's key, the first part of its series' keys
 * @param title the heading shown above the chart
 * @param unit the unit of its values, for example {@code ms} or {@code °C}
 */
public record Chart(String key, String title, String unit) {

}
