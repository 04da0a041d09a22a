package dev.switchboard.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dashboard settings, under {@code switchboard.dashboard}.
 *
 * @param tickPeriod how often every dashboard is sampled and published (default 1 s)
 * @param historySize how many recent ticks a new subscriber gets (default 120)
 */
@ConfigurationProperties("switchboard.dashboard")
public record DashboardProperties(@DefaultValue("1s") Duration tickPeriod, @DefaultValue("120") int historySize) {

}
