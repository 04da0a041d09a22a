package dev.switchboard.dashboard;

import java.util.function.Supplier;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.messaging.access.intercept.MessageAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Authorizes subscriptions to a dashboard's topic ({@code /topic/dashboard.{name}}) and
 * snapshot ({@code /app/dashboard/{name}}) by asking the dashboard itself
 * ({@link Dashboard#canView}); denied for unknown dashboards.
 */
@Component("dashboardAccess")
class DashboardAuthorization implements AuthorizationManager<MessageAuthorizationContext<?>> {

	private static final String SNAPSHOT_PREFIX = "/app/dashboard/";

	private final Dashboards dashboards;

	DashboardAuthorization(Dashboards dashboards) {
		this.dashboards = dashboards;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			MessageAuthorizationContext<?> context) {
		String name = name(SimpMessageHeaderAccessor.getDestination(context.getMessage().getHeaders()));
		return new AuthorizationDecision(name != null && this.dashboards.canView(name, authentication.get()));
	}

	private static String name(String destination) {
		if (destination == null) {
			return null;
		}
		if (destination.startsWith(DashboardPublisher.TOPIC_PREFIX)) {
			return destination.substring(DashboardPublisher.TOPIC_PREFIX.length());
		}
		if (destination.startsWith(SNAPSHOT_PREFIX)) {
			return destination.substring(SNAPSHOT_PREFIX.length());
		}
		return null;
	}

}
