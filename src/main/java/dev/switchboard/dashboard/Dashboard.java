package dev.switchboard.dashboard;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;

/**
 * A live dashboard: declare one as a Spring bean and it is sampled every tick, published
 * on {@code /topic/dashboard.{name}} and {@code GET /api/dashboard/{name}/stream}, with
 * its recent history sent to every new subscriber.
 *
 * <p>
 * Values are keyed {@code <chart>.<series>}, for example {@code temperature.greenhouse}:
 * the part before the first dot names one of the {@link #charts() charts}, the rest is
 * the series' label. A series appears when a sample first holds a value for it, so one
 * chart can have a line per room, per sensor, and so on.
 */
public interface Dashboard {

	/**
	 * The name in destinations and URLs: 1 to 32 of {@code a-z 0-9 -}.
	 */
	String name();

	/**
	 * The title shown on the page.
	 */
	String title();

	/**
	 * The charts, in the order the page shows them.
	 */
	List<Chart> charts();

	/**
	 * Whether a user may see this dashboard: its page, topic, snapshot and stream. The
	 * default admits every logged-in user.
	 * @param user the user, {@code null} if anonymous
	 */
	default boolean canView(Authentication user) {
		return user != null && user.isAuthenticated();
	}

	/**
	 * The current values, by series key; called once per tick on the scheduler thread, so
	 * it must return at once (keep the newest readings of a slow source in a field).
	 * Missing or non-finite values leave a gap in their series. In a cluster it is called
	 * on every instance, but only the publishing instance's values are shown.
	 */
	Map<String, Double> sample();

	/**
	 * Whether the user has the given role, for {@link #canView} implementations.
	 */
	static boolean hasRole(Authentication user, String role) {
		return user != null && user.isAuthenticated()
				&& user.getAuthorities()
					.stream()
					.anyMatch((authority) -> ("ROLE_" + role).equals(authority.getAuthority()));
	}

}
