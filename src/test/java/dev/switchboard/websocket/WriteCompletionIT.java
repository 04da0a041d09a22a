package dev.switchboard.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.websocket.TomcatThreadsConfig.InlineCompletionExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames written to WebSocket connections do not each cost a task on Tomcat's worker
 * pool: the end of a write is reported on the thread that wrote.
 */
@SwitchboardTest(properties = { "switchboard.limits.send-rate=1000", "switchboard.limits.send-burst=1000" })
class WriteCompletionIT {

	private static final int READERS = 5;

	private static final int MESSAGES = 40;

	@LocalServerPort
	int port;

	@Autowired
	ServletWebServerApplicationContext context;

	@Test
	void deliveriesRunNoWorkerTaskPerFrame() {
		TestUsers users = new TestUsers(this.port);
		String room = "inline-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(InlineCompletionExecutor.SEND_RESULT_TASK).as("Tomcat's write report task is known").isNotNull();
		assertThat(tomcatExecutor()).isInstanceOf(InlineCompletionExecutor.class);
		List<StompTestClient> readers = new ArrayList<>();
		try (StompTestClient writer = StompTestClient.connect(this.port, users.create("writer").token())) {
			List<Inbox> inboxes = new ArrayList<>();
			for (int i = 0; i < READERS; i++) {
				StompTestClient reader = StompTestClient.connect(this.port, users.create("reader").token());
				readers.add(reader);
				inboxes.add(reader.join(room));
			}
			writer.sync();
			long tasksBefore = tomcatExecutor().getCompletedTaskCount();

			for (int i = 0; i < MESSAGES; i++) {
				writer.send("/app/rooms/" + room + "/messages", Map.of("text", "m" + i));
			}
			for (Inbox inbox : inboxes) {
				for (int i = 0; i < MESSAGES; i++) {
					assertThat(inbox.nextOfType("message")).containsEntry("text", "m" + i);
				}
			}

			long tasks = tomcatExecutor().getCompletedTaskCount() - tasksBefore;
			assertThat(tasks).as("worker tasks for %d frames delivered", READERS * MESSAGES)
				.isLessThan(READERS * MESSAGES);
		}
		finally {
			readers.forEach(StompTestClient::close);
		}
	}

	private InlineCompletionExecutor tomcatExecutor() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		return (InlineCompletionExecutor) server.getTomcat().getConnector().getProtocolHandler().getExecutor();
	}

}
