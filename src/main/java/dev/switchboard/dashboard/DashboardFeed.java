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
 * for new subscribers, along with those another instance of a cluster published.
 * Thread-safe.
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
	 * Sample the dashboard and keep the result as its newest tick, numbered one above the
	 * last.
	 */
	synchronized DashboardTick tick() {
		Map<String, Double> values = values();
		return keep(new DashboardTick(this.dashboard.name(), ++this.lastId, this.clock.millis(), values, null));
	}

	/**
	 * Sample the dashboard for a cluster and keep the result as its newest tick, numbered
	 * with the time of sampling unless that is not above the last id (ids stay increasing
	 * when the publisher changes, even to an instance that has seen no tick yet).
	 * @param source the sampling instance
	 */
	synchronized DashboardTick tickInCluster(String source) {
		Map<String, Double> values = values();
		long now = this.clock.millis();
		this.lastId = Math.max(this.lastId + 1, now);
		return keep(new DashboardTick(this.dashboard.name(), this.lastId, now, values, source));
	}

	/**
	 * Sample the dashboard and drop the result: keeps the state of a dashboard that
	 * computes rates or drifts from sample to sample up to date while another instance
	 * publishes.
	 */
	synchronized void sampleOnly() {
		this.dashboard.sample();
	}

	/**
	 * Keep a tick that another instance published, if it is newer than the last one.
	 * @return whether it was kept; {@code false} for one seen already or older
	 */
	synchronized boolean accept(DashboardTick tick) {
		if (tick.id() <= this.lastId) {
			return false;
		}
		this.lastId = tick.id();
		keep(tick);
		return true;
	}

	private Map<String, Double> values() {
		Map<String, Double> values = new LinkedHashMap<>();
		this.dashboard.sample().forEach((key, value) -> {
			if (key != null && value != null && Double.isFinite(value)) {
				values.put(key, value);
			}
		});
		return Collections.unmodifiableMap(values);
	}

	private DashboardTick keep(DashboardTick tick) {
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
