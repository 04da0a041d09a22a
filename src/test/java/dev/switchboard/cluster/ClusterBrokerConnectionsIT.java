package dev.switchboard.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Cluster;
import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients across two instances share each instance's one connection to RabbitMQ: the
 * broker's connection count does not grow with the clients.
 */
class ClusterBrokerConnectionsIT {

	private static final int CLIENTS = 1500;

	private static final int ROOMS = 5;

	@Test
	void fifteenHundredSubscribedClientsOnTwoInstancesHoldOneBrokerConnectionPerInstance() {
		int before = Cluster.brokerConnections();
		try (Cluster cluster = Cluster.create()) {
			String[] limits = { "--switchboard.limits.connections-per-user=" + CLIENTS };
			int[] ports = { cluster.start(limits), cluster.start(limits) };
			TestUsers users = new TestUsers(ports[0]);
			TestUser[] members = { users.create("many"), users.create("more") };
			String prefix = "b-" + UUID.randomUUID().toString().substring(0, 8) + "-";
			List<StompTestClient> clients = new ArrayList<>();
			List<Inbox> firstRoom = new ArrayList<>();
			try {
				for (int i = 0; i < CLIENTS; i++) {
					StompTestClient client = StompTestClient.connect(ports[i % 2], members[(i / 2) % 2].token());
					clients.add(client);
					Inbox inbox = client.joinSince(prefix + (i % ROOMS), 0);
					if (i % ROOMS == 0 && firstRoom.size() < 4) {
						firstRoom.add(inbox); // on both instances
					}
				}
				assertThat(Cluster.brokerConnections()).as("RabbitMQ's connections: one per instance")
					.isLessThanOrEqualTo(before + 2);

				clients.get(1).send("/app/rooms/" + prefix + "0/messages", Map.of("text", "to everyone"));
				for (Inbox inbox : firstRoom) {
					assertThat(inbox.nextOfType("message")).containsEntry("text", "to everyone");
				}
				assertThat(clients).allMatch(StompTestClient::isConnected);
				assertThat(Cluster.health(ports[0], "cluster")).isEqualTo("UP");
			}
			finally {
				clients.forEach(StompTestClient::close);
			}
		}
	}

}
