package dev.switchboard.dashboard;

import dev.switchboard.system.ClientErrorException;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * Answers a subscription to {@code /app/dashboard/{name}} with the dashboard's snapshot;
 * its ticks follow on {@code /topic/dashboard.{name}}. Who may subscribe is decided by
 * {@link DashboardAuthorization}.
 */
@Controller
class DashboardController {

	private final Dashboards dashboards;

	DashboardController(Dashboards dashboards) {
		this.dashboards = dashboards;
	}

	@SubscribeMapping("/dashboard/{name}")
	DashboardSnapshot snapshot(@DestinationVariable String name) {
		DashboardSnapshot snapshot = this.dashboards.snapshot(name);
		if (snapshot == null) {
			throw ClientErrorException.notFound("dashboard-not-found", "There is no dashboard '" + name + "'");
		}
		return snapshot;
	}

}
