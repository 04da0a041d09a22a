package dev.switchboard.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.BrowserSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts and styles reach a browser that accepts gzip compressed; pages link every
 * static file by a URL with a hash of its content, which is cached for a year, while the
 * pages themselves are not cached.
 */
@SwitchboardTest
class StaticFilesIT {

	private static final Pattern LINK = Pattern.compile("(?:src|href)=\"(/(?:js|css|img|webjars)/[^\"]*)\"");

	private static final Pattern IMPORT_MAP = Pattern
		.compile("<script type=\"importmap\" nonce=\"[^\"]+\">(.*?)</script>", Pattern.DOTALL);

	private static final String HASHED = "-[0-9a-f]{32}\\.[a-z]+";

	private static final String A_YEAR = "max-age=31536000";

	@LocalServerPort
	int port;

	BrowserSession session;

	@BeforeEach
	void logIn() {
		TestUsers users = new TestUsers(this.port);
		this.session = users.login(users.create("static"));
	}

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

	@Test
	void pagesLinkEveryScriptStyleAndImageByAUrlWithTheHashOfItsContent() throws Exception {
		List<String> links = new ArrayList<>();
		for (String page : new String[] { "/login", "/chat", "/dashboards/sensors", "/raw-demo" }) {
			HttpResponse<byte[]> response = get(page, "identity");
			assertThat(response.statusCode()).as(page).isEqualTo(200);
			Matcher link = LINK.matcher(new String(response.body()));
			while (link.find()) {
				links.add(link.group(1));
			}
		}
		assertThat(links).allMatch((link) -> link.matches(".*" + HASHED), "carries a content hash")
			.contains(hashedUrl("/css/", "app.css"), hashedUrl("/img/", "logo.svg"), hashedUrl("/js/", "chat.js"),
					hashedUrl("/js/", "dashboard.js"), hashedUrl("/js/", "raw.js"))
			.anyMatch((link) -> link.matches("/webjars/uplot/\\d+\\.\\d+\\.\\d+/dist/uPlot\\.min" + HASHED));
	}

	@Test
	void theImportMapMapsEveryModuleAndLibraryToItsHashedUrl() throws Exception {
		Map<String, String> imports = importMap();
		try (Stream<Path> modules = Files.list(Path.of("frontend", "js"))) {
			for (Path module : modules.toList()) {
				String name = module.getFileName().toString();
				assertThat(imports).as(name).containsEntry("/js/" + name, hashedUrl("/js/", name));
			}
		}
		assertThat(imports).containsEntry("@stomp/stompjs", hashedUrl("/js/", "stompjs.js"));
		assertThat(imports.get("@stomp/stompjs/bundles/stomp.umd.min.js"))
			.matches("/webjars/stomp__stompjs/\\d+\\.\\d+\\.\\d+/bundles/stomp\\.umd\\.min" + HASHED);
		assertThat(imports.get("uplot")).matches("/webjars/uplot/\\d+\\.\\d+\\.\\d+/dist/uPlot\\.esm" + HASHED);
		for (String url : imports.values()) {
			assertThat(get(url, "identity").statusCode()).as(url).isEqualTo(200);
		}
	}

	@Test
	void filesByHashedUrlAreCachedForAYear() throws Exception {
		Map<String, String> imports = importMap();
		for (String url : new String[] { hashedUrl("/css/", "app.css"), imports.get("/js/realtime.js"),
				imports.get("@stomp/stompjs/bundles/stomp.umd.min.js"), imports.get("uplot") }) {
			HttpResponse<byte[]> response = get(url, "gzip");
			assertThat(response.statusCode()).as(url).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control")).as(url).hasValueSatisfying((cache) -> {
				assertThat(cache).contains(A_YEAR);
				assertThat(cache).doesNotContain("no-cache", "no-store");
			});
		}
	}

	@Test
	void pagesAreNeverCached() throws Exception {
		for (String page : new String[] { "/", "/login", "/chat" }) {
			HttpResponse<byte[]> response = get(page, "gzip");
			assertThat(response.statusCode()).as(page).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control")).as(page).hasValueSatisfying((cache) -> {
				assertThat(cache).contains("no-cache", "no-store");
				assertThat(cache).doesNotContain(A_YEAR);
			});
		}
	}

	@Test
	void aHashThatIsNotTheFilesFindsNothing() throws Exception {
		assertThat(get("/js/chat-0123456789abcdef0123456789abcdef.js", "identity").statusCode()).isEqualTo(404);
	}

	private Map<String, String> importMap() throws Exception {
		Matcher script = IMPORT_MAP.matcher(new String(get("/chat", "identity").body()));
		assertThat(script.find()).as("the page has an import map").isTrue();
		Map<String, Map<String, String>> map = JsonMapper.builder()
			.build()
			.readValue(script.group(1), new TypeReference<Map<String, Map<String, String>>>() {
			});
		return map.get("imports");
	}

	/**
	 * The URL of a file of {@code frontend/} with the MD5 of its content, as the resource
	 * chain's content version strategy makes it.
	 */
	private static String hashedUrl(String folder, String name) throws Exception {
		byte[] content = Files.readAllBytes(Path.of("frontend", folder, name));
		String hash = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
		int dot = name.lastIndexOf('.');
		return folder + name.substring(0, dot) + "-" + hash + name.substring(dot);
	}

	private HttpResponse<byte[]> get(String path, String encoding) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Accept-Encoding", encoding)
				.header("Cookie", this.session.cookie())
				.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
