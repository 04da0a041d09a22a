package dev.switchboard.browser;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.dashboard.Chart;
import dev.switchboard.dashboard.DashboardTest;
import dev.switchboard.dashboard.Dashboards;
import dev.switchboard.sse.SseStreams;
import dev.switchboard.support.Browsers;
import dev.switchboard.support.ChatPages;
import dev.switchboard.support.DashboardPages;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard pages in a browser: charts that move with live data over STOMP and, after
 * switching, over Server-Sent Events; a legend with the chart's names and the values
 * under the cursor; a stale mark while disconnected; the operations dashboard only for
 * admins.
 */
@DashboardTest
class DashboardBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	SseStreams streams;

	@Autowired
	Dashboards dashboards;

	ChromeDriver browser;

	String suffix;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.suffix = UUID.randomUUID().toString().substring(0, 6);
		this.browser = Browsers.start();
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void sensorChartsMoveOverStompThenOverServerSentEvents() throws Exception {
		DashboardPages.signUp(this.browser, this.port, "Grower_" + this.suffix);
		DashboardPages.open(this.browser, this.port, "sensors");
		assertThat(this.browser.findElement(By.id("dashboard")).getDomAttribute("data-transport")).isEqualTo("stomp");
		assertMoving();
		assertThat(this.browser.findElement(By.cssSelector("[data-series='temperature.greenhouse']")).getText())
			.matches("-?[0-9.,]+");
		Map<String, Map<String, Long>> charts = DashboardPages.charts(this.browser);
		assertThat(charts).containsOnlyKeys("temperature", "humidity", "co2");
		assertThat(charts.get("temperature")).containsEntry("series", 2L).containsEntry("canvases", 1L);
		assertThat(charts.get("temperature").get("points")).isGreaterThan(1);

		DashboardPages.switchTo(this.browser, "sse");
		ChatPages.waitFor(this.browser).until((driver) -> this.streams.count() >= 1);
		assertMoving();
		assertThat(this.browser.findElement(By.id("dashboard-status")).getText())
			.isEqualTo("Server-Sent Events: connected");

		DashboardPages.switchTo(this.browser, "stomp");
		assertMoving();
		ChatPages.waitFor(this.browser).until((driver) -> this.streams.count() == 0);
	}

	@Test
	void operationsDashboardShowsTheServerToAdminsOnly() throws Exception {
		TestUsers users = new TestUsers(this.port);
		DashboardPages.logIn(this.browser, this.port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
		this.browser.findElement(By.linkText("Operations")).click();
		DashboardPages.waitForTicks(this.browser, 3);
		assertMoving();
		assertThat(DashboardPages.charts(this.browser)).containsOnlyKeys("connections", "stomp", "rooms", "latency",
				"slow", "heap", "cpu", "gc");

		try (StompTestClient chatter = StompTestClient.connect(this.port, users.create("chatter").token())) {
			String busy = "busy-" + this.suffix;
			String quiet = "quiet-" + this.suffix;
			chatter.join(busy);
			chatter.join(quiet);
			for (int i = 0; i < 12; i++) {
				chatter.send("/app/rooms/" + ((i % 3 == 0) ? quiet : busy) + "/messages", Map.of("text", "hi " + i));
			}
			ChatPages.waitFor(this.browser)
				.until((driver) -> DashboardPages.charts(this.browser).get("rooms").get("series") >= 1);
		}
		DashboardPages.switchTo(this.browser, "sse");
		assertMoving();
		this.browser.manage().window().setSize(new Dimension(1280, 1180));
		assertMoving();
		ChatPages.screenshot(this.browser, "dashboard-ops.png");

		ChromeDriver user = Browsers.start();
		try {
			DashboardPages.signUp(user, this.port, "Nosy_" + this.suffix);
			assertThat(user.findElements(By.linkText("Operations"))).isEmpty();
			assertThat(user.findElements(By.linkText("Dashboards"))).hasSize(1);
			user.get("http://localhost:" + this.port + "/dashboards");
			assertThat(user.findElement(By.tagName("main")).getText()).contains("Greenhouse sensors")
				.doesNotContain("Operations");
			user.get("http://localhost:" + this.port + "/dashboards/ops");
			ChatPages.waitFor(user)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Not allowed"));
		}
		finally {
			user.quit();
		}
	}

	@Test
	void hoveringAChartShowsTheValuesAtThatTimeUnderTheNamesOfTheChartsDefinition() throws Exception {
		DashboardPages.signUp(this.browser, this.port, "Hover_" + this.suffix);
		DashboardPages.open(this.browser, this.port, "sensors");
		for (Chart chart : this.dashboards.find("sensors").charts()) {
			Map<String, Object> legend = DashboardPages.legend(this.browser, chart.key());
			assertThat(legend.get("labels")).as(chart.key())
				.asInstanceOf(InstanceOfAssertFactories.list(String.class))
				.containsExactlyInAnyOrderElementsOf(chart.series().values());
			assertThat(legend).as(chart.key()).containsEntry("time", "latest");
		}

		WebElement plot = this.browser.findElement(By.cssSelector("figure[data-chart=temperature] .u-over"));
		new Actions(this.browser).moveToElement(plot, -plot.getSize().getWidth() / 4, 0).perform();
		ChatPages.waitFor(this.browser)
			.until((driver) -> String.valueOf(DashboardPages.legend(this.browser, "temperature").get("time"))
				.matches("\\d\\d:\\d\\d:\\d\\d"));
		Map<String, Object> legend = DashboardPages.legend(this.browser, "temperature");
		assertThat(legend.get("values")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
			.hasSize(2)
			.allMatch((value) -> value.matches("-?\\d+(\\.\\d)? °C"));
		List<Double> shown = ((List<?>) legend.get("values")).stream()
			.map((value) -> Double.valueOf(value.toString().replace(" °C", "")))
			.toList();
		List<Double> atCursor = ((List<?>) legend.get("atCursor")).stream()
			.map((value) -> ((Number) value).doubleValue())
			.toList();
		assertThat(shown).as("the values at the cursor").isEqualTo(atCursor);
		assertThat((Long) legend.get("cursor")).as("a point seconds before the newest")
			.isLessThan((Long) legend.get("points") - 10);
		ChatPages.screenshot(this.browser, "dashboard-sensors.png");

		new Actions(this.browser).moveToElement(this.browser.findElement(By.tagName("h1"))).perform();
		ChatPages.waitFor(this.browser)
			.until((driver) -> "latest".equals(DashboardPages.legend(this.browser, "temperature").get("time")));
	}

	@Test
	void theChartsSayTheyAreStaleWhileTheConnectionIsDownAndNotOnceItIsBack() {
		DashboardPages.signUp(this.browser, this.port, "Stale_" + this.suffix);
		DashboardPages.open(this.browser, this.port, "sensors");
		List<WebElement> markers = this.browser.findElements(By.cssSelector("figure.chart .stale"));
		assertThat(markers).hasSize(3).noneMatch(WebElement::isDisplayed);

		setOffline(true);
		ChatPages.waitFor(this.browser).until(ExpectedConditions.visibilityOfAllElements(markers));
		assertThat(markers).extracting(WebElement::getText).containsOnly("stale");
		assertThat(this.browser.findElement(By.id("connection-badge")).getDomAttribute("data-state"))
			.isEqualTo("reconnecting");
		assertThat(this.browser.findElement(By.id("dashboard")).getDomAttribute("data-stale")).isNotNull();

		setOffline(false);
		ChatPages.waitFor(this.browser).until(ExpectedConditions.invisibilityOfAllElements(markers));
		assertThat(this.browser.findElement(By.id("dashboard")).getDomAttribute("data-stale")).isNull();
		assertMoving();
		assertThat(markers).noneMatch(WebElement::isDisplayed);
	}

	/** Cut (or restore) the browser's network, as DevTools' offline mode does. */
	private void setOffline(boolean offline) {
		this.browser.executeCdpCommand("Network.enable", Map.of());
		this.browser.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
	}

	/**
	 * Wait until the page has shown three more live ticks, each newer than the last.
	 */
	private void assertMoving() {
		long lastId = DashboardPages.number(this.browser, "data-last-id");
		long ticks = DashboardPages.number(this.browser, "data-ticks");
		DashboardPages.waitForTicks(this.browser, (int) ticks + 3);
		assertThat(DashboardPages.number(this.browser, "data-last-id")).isGreaterThanOrEqualTo(lastId + 3);
	}

}
