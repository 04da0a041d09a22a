package dev.switchboard.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serving {@code https://} and {@code wss://} with an SSL bundle: a self-signed
 * certificate made for this test, a STOMP client that trusts it.
 */
class TlsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "test-password";

	@TempDir
	Path directory;

	@Test
	void chatWorksOverWssWithTheConfiguredCertificate() throws Exception {
		Path keyStore = selfSignedKeyStore();
		try (ConfigurableApplicationContext context = start(keyStore)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			SSLContext ssl = trusting(keyStore);
			String token = signUpAndGetToken(port, ssl);

			StandardWebSocketClient webSocket = new StandardWebSocketClient();
			webSocket.setSslContext(ssl);
			WebSocketStompClient stomp = new WebSocketStompClient(webSocket);
			StompHeaders connect = new StompHeaders();
			connect.add("Authorization", "Bearer " + token);
			StompSession session = stomp.connectAsync(URI.create("wss://localhost:" + port + "/ws"),
					new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {
					})
				.get(10, TimeUnit.SECONDS);
			LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
			String room = "tls-" + UUID.randomUUID().toString().substring(0, 8);
			session.subscribe("/topic/rooms." + room, new StompFrameHandler() {

				@Override
				public Type getPayloadType(StompHeaders headers) {
					return byte[].class;
				}

				@Override
				public void handleFrame(StompHeaders headers, Object payload) {
					received.add(new String((byte[]) payload));
				}

			});
			LinkedBlockingQueue<String> members = new LinkedBlockingQueue<>();
			session.subscribe("/app/rooms/" + room + "/members", new StompFrameHandler() {

				@Override
				public Type getPayloadType(StompHeaders headers) {
					return byte[].class;
				}

				@Override
				public void handleFrame(StompHeaders headers, Object payload) {
					members.add(new String((byte[]) payload));
				}

			});
			assertThat(members.poll(10, TimeUnit.SECONDS)).as("joined").isNotNull();
			StompHeaders send = new StompHeaders();
			send.setDestination("/app/rooms/" + room + "/messages");
			send.set("content-type", "application/json");
			session.send(send, "{\"text\":\"over tls\"}".getBytes());
			assertThat(received.poll(10, TimeUnit.SECONDS)).contains("\"text\":\"over tls\"").contains("\"seq\":1");
			session.disconnect();
		}
	}

	private Path selfSignedKeyStore() throws IOException, InterruptedException {
		Path keyStore = this.directory.resolve("server.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "switchboard", "-keyalg",
				"RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext",
				"SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
				"-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as(output).isZero();
		return keyStore;
	}

	private ConfigurableApplicationContext start(Path keyStore) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/test.properties")) {
			properties.load(in);
		}
		properties.setProperty("server.port", "0");
		properties.setProperty("server.ssl.bundle", "server");
		properties.setProperty("spring.ssl.bundle.jks.server.keystore.location", "file:" + keyStore);
		properties.setProperty("spring.ssl.bundle.jks.server.keystore.password", PASSWORD);
		properties.setProperty("spring.ssl.bundle.jks.server.keystore.type", "PKCS12");
		List<String> args = new ArrayList<>();
		properties.stringPropertyNames().forEach((name) -> args.add("--" + name + "=" + properties.getProperty(name)));
		return new SpringApplicationBuilder(SwitchboardApplication.class).run(args.toArray(String[]::new));
	}

	private static SSLContext trusting(Path keyStorePath) throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStorePath)) {
			keyStore.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keyStore);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static String signUpAndGetToken(int port, SSLContext ssl) throws Exception {
		HttpClient http = HttpClient.newBuilder().sslContext(ssl).build();
		String name = "tls_" + UUID.randomUUID().toString().substring(0, 8);
		String credentials = JSON.writeValueAsString(Map.of("username", name, "password", "password-" + name));
		HttpResponse<String> signup = http.send(post(port, "/api/auth/signup", credentials),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signup.statusCode()).isEqualTo(201);
		HttpResponse<String> token = http.send(post(port, "/api/auth/token", credentials),
				HttpResponse.BodyHandlers.ofString());
		assertThat(token.statusCode()).isEqualTo(200);
		return JSON.readTree(token.body()).get("token").asString();
	}

	private static HttpRequest post(int port, String path, String json) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

}
