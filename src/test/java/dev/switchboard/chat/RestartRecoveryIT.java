package dev.switchboard.chat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client catches up after the server was stopped and started again on the same
 * database.
 */
class RestartRecoveryIT {

	private final String database = "jdbc:h2:mem:restart-" + UUID.randomUUID()
			+ ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	@Test
	void messagesStoredBeforeARestartAreRecoveredAfterIt() throws IOException {
		String room = "restart-" + UUID.randomUUID().toString().substring(0, 8);
		TestUser writer;
		TestUser reader;
		try (ConfigurableApplicationContext first = start()) {
			int port = port(first);
			TestUsers users = new TestUsers(port);
			writer = users.create("writer");
			reader = users.create("reader");
			try (StompTestClient w = StompTestClient.connect(port, writer.token());
					StompTestClient r = StompTestClient.connect(port, reader.token())) {
				Inbox readerEvents = r.join(room);
				Inbox writerEvents = w.join(room);
				send(w, room, 1, 3);
				assertThat(readerEvents.nextOfType("message")).containsEntry("seq", 1);
				readerEvents.nextOfType("message");
				assertThat(readerEvents.nextOfType("message")).containsEntry("seq", 3);
				r.close();
				send(w, room, 4, 6);
				// Stored once the writer sees the last of them: counting its events would
				// also count presence events.
				while (!Integer.valueOf(6).equals(writerEvents.nextOfType("message").get("seq"))) {
					// an earlier message
				}
			}
		}
		try (ConfigurableApplicationContext second = start()) {
			int port = port(second);
			try (StompTestClient w = StompTestClient.connect(port, writer.token());
					StompTestClient r = StompTestClient.connect(port, reader.token())) {
				Inbox events = r.subscribe("/topic/rooms." + room, "since-seq", "3");
				List<Map<String, Object>> caughtUp = events.next(4);
				assertThat(caughtUp.subList(0, 3)).extracting((event) -> event.get("seq")).containsExactly(4, 5, 6);
				assertThat(caughtUp.get(3)).containsEntry("type", "recovery").containsEntry("recovered", true);
				send(w, room, 7, 7);
				assertThat(events.nextOfType("message")).containsEntry("seq", 7).containsEntry("text", "m7");
			}
		}
	}

	private ConfigurableApplicationContext start() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/test.properties")) {
			properties.load(in);
		}
		properties.setProperty("spring.datasource.url", this.database);
		properties.setProperty("server.port", "0");
		// As arguments, so that they win over ./application.yml like test properties do.
		String[] args = properties.stringPropertyNames()
			.stream()
			.map((name) -> "--" + name + "=" + properties.getProperty(name))
			.toArray(String[]::new);
		return new SpringApplicationBuilder(SwitchboardApplication.class).run(args);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static void send(StompTestClient client, String room, int from, int to) {
		for (int i = from; i <= to; i++) {
			client.send("/app/rooms/" + room + "/messages", Map.of("text", "m" + i));
		}
	}

}
