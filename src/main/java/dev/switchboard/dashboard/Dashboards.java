package dev.switchboard.dashboard;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Every {@link Dashboard} bean of the application, by name, with its recent ticks.
 */
@Component
public class Dashboards {

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

	private final Map<String, DashboardFeed> feeds = new LinkedHashMap<>();

	Dashboards(List<Dashboard> dashboards, DashboardProperties properties) {
		Clock clock = Clock.systemUTC();
		for (Dashboard dashboard : dashboards) {
			if (!NAME.matcher(dashboard.name()).matches()) {
				throw new IllegalStateException(
						"Dashboard name '" + dashboard.name() + "' must be 1 to 32 of a-z, 0-9 and '-'");
			}
			if (this.feeds.put(dashboard.name(),
					new DashboardFeed(dashboard, properties.historySize(), clock)) != null) {
				throw new IllegalStateException("Two dashboards are named '" + dashboard.name() + "'");
			}
		}
	}

	/**
	 * The dashboard of that name, or {@code null}.
	 */
	public Dashboard find(String name) {
		DashboardFeed feed = (name != null) ? this.feeds.get(name) : null;
		return (feed != null) ? feed.dashboard() : null;
	}

	/**
	 * Whether the user may see the named dashboard ({@code false} if there is none).
	 */
	public boolean canView(String name, Authentication user) {
		Dashboard dashboard = find(name);
		return dashboard != null && dashboard.canView(user);
	}

	/**
	 * The dashboards the user may see, in bean order.
	 */
	public List<Dashboard> visibleTo(Authentication user) {
		return this.feeds.values()
			.stream()
			.map(DashboardFeed::dashboard)
			.filter((dashboard) -> dashboard.canView(user))
			.toList();
	}

	/**
	 * The named dashboard's description and recent ticks, or {@code null}.
	 */
	public DashboardSnapshot snapshot(String name) {
		DashboardFeed feed = this.feeds.get(name);
		return (feed != null) ? feed.snapshot() : null;
	}

	Collection<DashboardFeed> feeds() {
		return this.feeds.values();
	}

	DashboardFeed feed(String name) {
		return this.feeds.get(name);
	}

}
