package dev.switchboard.dashboard;

import java.util.Map;

/**
 * One sample of a dashboard, as published on {@code /topic/dashboard.{name}} and as the
 * {@code tick} event of its stream. Each tick is complete in itself: a client that skips
 * some only loses intermediate points.
 *
 * @param name the dashboard
 * @param id increases by one with each tick of the dashboard
 * @param ts when it was sampled, in milliseconds since the epoch
 * @param values the values by series key ({@code <chart>.<series>})
 */
public record DashboardTick(String name, long id, long ts, Map<String, Double> values) {

}
