package dev.switchboard.cluster;

import dev.switchboard.support.StompMessages;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the broker relay's workarounds, {@link RelayUnsubscribeFilter} and
 * {@link RelayUserQueues}, with hand-built frames.
 */
class RelayFiltersTests {

	private final RelayUnsubscribeFilter unsubscribes = new RelayUnsubscribeFilter();

	private final RelayUserQueues userQueues = new RelayUserQueues();

	@Test
	void anUnsubscribeOfABrokerSubscriptionReachesTheRelay() {
		this.unsubscribes.preSend(subscribe("/topic/rooms.lobby"), null);
		Message<byte[]> unsubscribe = unsubscribe();

		assertThat(this.unsubscribes.preSend(unsubscribe, null)).isSameAs(unsubscribe);
		assertThat(this.unsubscribes.preSend(unsubscribe(), null)).as("only once").isNull();
	}

	@Test
	void anUnsubscribeTheBrokerNeverSawIsDropped() {
		this.unsubscribes.preSend(subscribe("/app/rooms/lobby/members"), null);

		assertThat(this.unsubscribes.preSend(unsubscribe(), null)).isNull();
	}

	@Test
	void aConnectionsOwnQueueBecomesATopicThatGoesWithIt() {
		Message<?> mapped = this.userQueues
			.preSend(StompMessages.frame(StompCommand.MESSAGE).destination("/queue/acks-usersession-1").build(), null);

		assertThat(SimpMessageHeaderAccessor.getDestination(mapped.getHeaders()))
			.isEqualTo("/topic/acks-usersession-1");
	}

	@Test
	void topicsAreLeftAlone() {
		Message<byte[]> topic = StompMessages.frame(StompCommand.MESSAGE).destination("/topic/rooms.lobby").build();

		assertThat(this.userQueues.preSend(topic, null)).isSameAs(topic);
	}

	private static Message<byte[]> subscribe(String destination) {
		return StompMessages.frame(StompCommand.SUBSCRIBE).destination(destination).subscription("sub-1").build();
	}

	private static Message<byte[]> unsubscribe() {
		return StompMessages.frame(StompCommand.UNSUBSCRIBE).subscription("sub-1").build();
	}

}
