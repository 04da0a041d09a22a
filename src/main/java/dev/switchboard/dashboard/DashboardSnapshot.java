package dev.switchboard.dashboard;

import java.util.List;

/**
 * What a new subscriber of a dashboard gets first: its description and its recent ticks,
 * oldest first.
 *
 * @param name the dashboard
 * @param title its title
 * @param charts its charts
 * @param historySize how many ticks a client should keep
 * @param ticks the recent ticks, oldest first; later ticks have higher ids
 */
public record DashboardSnapshot(String name, String title, List<Chart> charts, int historySize,
		List<DashboardTick> ticks) {

	/**
	 * The id of the newest tick included, 0 if none.
	 */
	public long lastId() {
		return this.ticks.isEmpty() ? 0 : this.ticks.get(this.ticks.size() - 1).id();
	}

}
