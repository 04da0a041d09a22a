package dev.switchboard.dashboard;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One sample of a dashboard, as published on {@code /topic/dashboard.{name}} and as the
 * {@code tick} event of its stream. Each tick is complete in itself: a client that skips
 * some only loses intermediate points.
 *
 * @param name the dashboard
 * @param id increases with each tick of the dashboard: by one on a single instance; in a
 * cluster it is at least the time of sampling in milliseconds, and stays increasing when
 * another instance takes over publishing
 * @param ts when it was sampled, in milliseconds since the epoch
 * @param values the values by series key ({@code <chart>.<series>})
 * @param source in a cluster, the instance that sampled it ({@code host:port}), whose
 * view the values show; {@code null} (and left out of the JSON) on a single instance
 */
public record DashboardTick(String name, long id, long ts, Map<String, Double> values,
		@JsonInclude(JsonInclude.Include.NON_NULL) String source) {

}
