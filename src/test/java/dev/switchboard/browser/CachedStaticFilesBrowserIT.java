package dev.switchboard.browser;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Browsers;
import dev.switchboard.support.ChatPages;
import dev.switchboard.support.SwitchboardTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second visit to the chat page takes every script, style and image from the browser's
 * cache, without asking the server; only the page itself, its data (the room's history)
 * and the WebSocket go over the network. stomp.js is one file.
 */
@SwitchboardTest
class CachedStaticFilesBrowserIT {

	/**
	 * The resource timing entries of the page: path, transferSize (0 when from the
	 * cache).
	 */
	private static final String RESOURCES = "return performance.getEntriesByType('resource')"
			+ ".map((e) => ({ path: new URL(e.name).pathname, transferSize: e.transferSize }))";

	@LocalServerPort
	int port;

	ChromeDriver browser;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.browser = Browsers.start();
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aSecondVisitTakesEveryStaticFileFromTheCache() {
		ChatPages.signUp(this.browser, this.port, "Cached_" + UUID.randomUUID().toString().substring(0, 6));
		waitUntilConnected();
		List<Resource> first = resources();
		assertThat(first).filteredOn((resource) -> resource.path().matches("/js/chat-[0-9a-f]{32}\\.js"))
			.as("the first visit fetches the page's module")
			.singleElement()
			.satisfies((chat) -> assertThat(chat.transferSize()).isPositive());
		List<String> files = first.stream().filter(Resource::isStatic).map(Resource::path).toList();
		assertThat(files).as("the first visit's static files, modules imported by relative URL included")
			.allMatch((path) -> path.matches(".*-[0-9a-f]{32}\\.[a-z]+"), "has a content hash")
			.anyMatch((path) -> path.matches("/js/realtime-[0-9a-f]{32}\\.js"))
			.anyMatch((path) -> path.matches("/css/app-[0-9a-f]{32}\\.css"))
			.filteredOn((path) -> path.startsWith("/webjars/stomp__stompjs/"))
			.as("stomp.js is one file")
			.hasSize(1);

		this.browser.get("http://localhost:" + this.port + "/chat");
		waitUntilConnected();
		List<Resource> second = resources();
		assertThat(second).filteredOn(Resource::isStatic)
			.as("the second visit's static files, from the cache")
			.allSatisfy((resource) -> assertThat(resource.transferSize()).as(resource.path()).isZero())
			.extracting(Resource::path)
			.containsExactlyInAnyOrderElementsOf(files);
		assertThat(second).filteredOn((resource) -> resource.transferSize() > 0)
			.as("what went over the network besides the page and the WebSocket")
			.allSatisfy((resource) -> assertThat(resource.path()).startsWith("/api/"));
	}

	private void waitUntilConnected() {
		ChatPages.waitFor(this.browser)
			.until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "connected"));
	}

	@SuppressWarnings("unchecked")
	private List<Resource> resources() {
		List<Map<String, Object>> entries = (List<Map<String, Object>>) this.browser.executeScript(RESOURCES);
		return entries.stream()
			.map((entry) -> new Resource((String) entry.get("path"), ((Number) entry.get("transferSize")).longValue()))
			.toList();
	}

	/**
	 * One file the page loaded.
	 *
	 * @param path the path of its URL
	 * @param transferSize the bytes that came over the network for it: 0 from the cache
	 */
	private record Resource(String path, long transferSize) {

		boolean isStatic() {
			return this.path.matches("/(js|css|img|webjars)/.*");
		}

	}

}
