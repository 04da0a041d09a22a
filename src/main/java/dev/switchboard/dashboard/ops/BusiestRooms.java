package dev.switchboard.dashboard.ops;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The busiest rooms by messages per second, from cumulative counts per room. A room that
 * was among the busiest stays on the chart (at 0 when quiet) for a number of ticks, so
 * its line does not flicker in and out.
 */
final class BusiestRooms {

	private final int size;

	private final int linger;

	private Map<String, Long> last = Map.of();

	/** room → ticks it stays shown. */
	private final Map<String, Integer> shown = new LinkedHashMap<>();

	/**
	 * Create a tracker.
	 * @param size how many of the busiest rooms are picked each tick
	 * @param linger how many ticks a picked room stays shown
	 */
	BusiestRooms(int size, int linger) {
		this.size = size;
		this.linger = linger;
	}

	/**
	 * The rates of the rooms to show, from the counts now and the time since the last
	 * call.
	 */
	Map<String, Double> rates(Map<String, Long> counts, double seconds) {
		Map<String, Double> rates = new HashMap<>();
		counts.forEach((room, count) -> {
			long delta = count - this.last.getOrDefault(room, 0L);
			if (delta > 0) {
				rates.put(room, delta / seconds);
			}
		});
		this.last = counts;
		rates.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
			.limit(this.size)
			.forEach((busy) -> this.shown.put(busy.getKey(), this.linger));
		while (this.shown.size() > 2 * this.size) {
			this.shown.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(this.shown.entrySet()::remove);
		}
		Map<String, Double> result = new LinkedHashMap<>();
		for (Iterator<Map.Entry<String, Integer>> it = this.shown.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Integer> room = it.next();
			result.put(room.getKey(), rates.getOrDefault(room.getKey(), 0.0));
			if (room.getValue() <= 1) {
				it.remove();
			}
			else {
				room.setValue(room.getValue() - 1);
			}
		}
		return result;
	}

}
