package dev.switchboard.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.support.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts and styles reach a browser that accepts gzip compressed.
 */
@SwitchboardTest
class StaticFilesIT {

	@LocalServerPort
	int port;

	@Test
	void scriptsAndStylesAreCompressedForBrowsersThatAcceptIt() throws Exception {
		for (String path : new String[] { "/js/realtime.js", "/css/app.css" }) {
			HttpResponse<byte[]> response = get(path, "gzip");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
		}
	}

	@Test
	void aClientThatDoesNotAcceptGzipGetsThePlainFile() throws Exception {
		HttpResponse<byte[]> response = get("/js/realtime.js", "identity");
		assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(response.body())).contains("export function connect");
	}

	private HttpResponse<byte[]> get(String path, String encoding) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Accept-Encoding", encoding)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
