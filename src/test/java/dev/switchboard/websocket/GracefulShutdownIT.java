package dev.switchboard.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.RawSocket;
import dev.switchboard.support.RawStompClient;
import dev.switchboard.support.RawTestClient;
import dev.switchboard.support.SseTestClient;
import dev.switchboard.support.TestUsers.TestUser;
import dev.switchboard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * A server that stops tells its STOMP and {@code /raw} clients to reconnect elsewhere
 * (close code 1012, not 1001) and refuses new connections meanwhile; each test has a
 * server of its own, so that stopping it leaves other tests alone.
 */
class GracefulShutdownIT {

	private ConfigurableApplicationContext context;

	private int port;

	private TestUser user;

	@BeforeEach
	void startServer() throws IOException {
		this.context = start();
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.user = new TestUsers(this.port).create("leaver");
	}

	@AfterEach
	void closeServer() {
		this.context.close();
	}

	@Test
	void closingTheApplicationClosesStompAndRawConnectionsWith1012() throws IOException {
		try (RawStompClient stomp = RawStompClient.connect(this.port, this.user.token(), 65536);
				RawTestClient raw = RawTestClient.connect(this.port, this.user.token())) {
			this.context.close();

			RawStompClient.Frame close = stomp.readFrame();
			assertThat(close.command()).isEqualTo("CLOSE");
			assertThat(close.headers()).containsEntry("code", "1012");
			assertThat(close.headers().get("reason")).contains("reconnect");
			assertThat(raw.awaitClose()).isEqualTo(1012);
		}
	}

	@Test
	void whileShuttingDownNewHandshakesAndStreamsAreRefusedWith503() throws IOException {
		try (RawStompClient stomp = RawStompClient.connect(this.port, this.user.token(), 65536)) {
			this.context.getBean(GracefulShutdown.class).stop();

			assertThat(stomp.readFrame().headers()).containsEntry("code", "1012");
			assertThatIOException().isThrownBy(() -> RawSocket.open(this.port, "/ws", 65536, "v12.stomp"))
				.withMessageContaining("HTTP/1.1 503");
			String query = "?access_token=" + URLEncoder.encode(this.user.token(), StandardCharsets.UTF_8);
			assertThat(RawTestClient.refusedStatus(this.port, query, Map.of())).isEqualTo(503);
			HttpResponse<String> stream = SseTestClient.refused(this.port, "/api/dashboard/sensors/stream",
					this.user.token());
			assertThat(stream.statusCode()).isEqualTo(503);
			assertThat(stream.body()).contains("shutting-down");
		}
	}

	private ConfigurableApplicationContext start() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/test.properties")) {
			properties.load(in);
		}
		properties.setProperty("spring.datasource.url", "jdbc:h2:mem:shutdown-" + UUID.randomUUID()
				+ ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		properties.setProperty("server.port", "0");
		// As arguments, so that they win over ./application.yml like test properties do.
		String[] args = properties.stringPropertyNames()
			.stream()
			.map((name) -> "--" + name + "=" + properties.getProperty(name))
			.toArray(String[]::new);
		return new SpringApplicationBuilder(SwitchboardApplication.class).run(args);
	}

}
