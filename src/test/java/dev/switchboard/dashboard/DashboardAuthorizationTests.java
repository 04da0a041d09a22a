package dev.switchboard.dashboard;

import dev.switchboard.support.StompMessages;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.security.core.Authentication;
import org.springframework.security.messaging.access.intercept.MessageAuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DashboardAuthorization} with hand-built SUBSCRIBE frames.
 */
class DashboardAuthorizationTests {

	private final DashboardAuthorization authorization = new DashboardAuthorization(
			StubDashboard.dashboards(3, new StubDashboard("open", (user) -> user != null),
					new StubDashboard("admins", (user) -> Dashboard.hasRole(user, "ADMIN"))));

	private final Authentication alice = DashboardsTests.user("alice", "ROLE_USER");

	private final Authentication root = DashboardsTests.user("root", "ROLE_ADMIN");

	@Test
	void topicAndSnapshotAreGrantedAsTheDashboardSays() {
		assertThat(granted("/topic/dashboard.open", this.alice)).isTrue();
		assertThat(granted("/app/dashboard/open", this.alice)).isTrue();
		assertThat(granted("/topic/dashboard.admins", this.alice)).isFalse();
		assertThat(granted("/app/dashboard/admins", this.alice)).isFalse();
		assertThat(granted("/topic/dashboard.admins", this.root)).isTrue();
		assertThat(granted("/app/dashboard/admins", this.root)).isTrue();
	}

	@Test
	void unknownDashboardsAndOtherDestinationsAreDenied() {
		assertThat(granted("/topic/dashboard.unknown", this.root)).isFalse();
		assertThat(granted("/app/dashboard/open/extra", this.root)).isFalse();
		assertThat(granted("/topic/rooms.open", this.root)).isFalse();
	}

	private boolean granted(String destination, Authentication user) {
		Message<byte[]> subscribe = StompMessages.frame(StompCommand.SUBSCRIBE)
			.subscription("sub-1")
			.destination(destination)
			.build();
		return this.authorization.authorize(() -> user, new MessageAuthorizationContext<>(subscribe)).isGranted();
	}

}
