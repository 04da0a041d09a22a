package dev.switchboard.dashboard;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dashboard's ticks: samples it, numbers the samples and keeps the most recent ones
 * for new subscribers. Thread-safe.
 */
final class DashboardFeed {

	private final Dashboard dashboard;

	private final int historySize;

	private final Clock clock;

	private final Deque<DashboardTick> history = new ArrayDeque<>();

	private long lastId;

	DashboardFeed(Dashboard dashboard, int historySize, Clock clock) {
		this.dashboard = dashboard;
		this.historySize = historySize;
		this.clock = clock;
	}

	Dashboard dashboard() {
		return this.dashboard;
	}

	/**
	 * Sample the dashboard and keep the result as its newest tick.
	 */
	synchronized DashboardTick tick() {
		Map<String, Double> values = new LinkedHashMap<>();
		this.dashboard.sample().forEach((key, value) -> {
			if (key != null && value != null && Double.isFinite(value)) {
				values.put(key, value);
			}
		});
		DashboardTick tick = new DashboardTick(this.dashboard.name(), ++this.lastId, this.clock.millis(),
				Collections.unmodifiableMap(values));
		this.history.addLast(tick);
		while (this.history.size() > this.historySize) {
			this.history.removeFirst();
		}
		return tick;
	}

	/**
	 * The dashboard's description with its recent ticks.
	 */
	synchronized DashboardSnapshot snapshot() {
		return new DashboardSnapshot(this.dashboard.name(), this.dashboard.title(), this.dashboard.charts(),
				this.historySize, List.copyOf(new ArrayList<>(this.history)));
	}

}
