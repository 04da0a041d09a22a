package dev.switchboard.rooms;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/rooms} pages through the rooms a user can see, by name.
 */
@SwitchboardTest
class RoomsApiIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void roomsComeAPageAtATimeInNameOrder() {
		TestUsers users = new TestUsers(this.port);
		TestUser alice = users.create("alice");
		String prefix = "page-" + UUID.randomUUID().toString().substring(0, 8);
		try (StompTestClient client = StompTestClient.connect(this.port, alice.token())) {
			for (String suffix : List.of("c", "a", "b")) {
				client.join(prefix + "-" + suffix);
			}
		}

		Map<?, ?> first = page(users, alice, "?after=" + prefix + "&limit=2");
		assertThat(names(first)).containsExactly(prefix + "-a", prefix + "-b");
		assertThat(first.get("next")).isEqualTo(prefix + "-b");

		Map<?, ?> second = page(users, alice, "?after=" + prefix + "-b&limit=2");
		assertThat(names(second)).first().isEqualTo(prefix + "-c");
	}

	@Test
	void aLimitOutOfRangeIsABadRequest() {
		TestUsers users = new TestUsers(this.port);
		TestUser alice = users.create("alice");
		assertThat(users.get("/api/rooms?limit=0", alice.token()).statusCode()).isEqualTo(400);
		assertThat(users.get("/api/rooms?limit=501", alice.token()).statusCode()).isEqualTo(400);
	}

	private static Map<?, ?> page(TestUsers users, TestUser user, String query) {
		return JSON.readValue(users.get("/api/rooms" + query, user.token()).body(), Map.class);
	}

	private static List<String> names(Map<?, ?> page) {
		return ((List<?>) page.get("rooms")).stream().map((room) -> (String) ((Map<?, ?>) room).get("name")).toList();
	}

}
