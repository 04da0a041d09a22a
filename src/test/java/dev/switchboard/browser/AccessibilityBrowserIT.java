package dev.switchboard.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Browsers;
import dev.switchboard.support.ChatPages;
import dev.switchboard.support.DashboardPages;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core checks every page a person can open, logged out and logged in, and the chat
 * page on a phone with its menu and drawers open, and finds no serious or critical
 * accessibility violation.
 */
@SwitchboardTest
class AccessibilityBrowserIT {

	private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

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
	void everyPageHasNoSeriousOrCriticalViolation() throws IOException {
		List<String> violations = new ArrayList<>();
		for (String page : List.of("/", "/login", "/signup")) {
			violations.addAll(check(page));
		}
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		ChatPages.signUpAndOpenRoom(this.browser, this.port, "Axe_" + suffix, "axe-" + suffix);
		violations.addAll(check("/chat?room=axe-" + suffix));
		for (String page : List.of("/dashboards", "/dashboards/sensors", "/raw-demo?room=axe-" + suffix,
				"/no-such-page", "/dashboards/ops")) {
			violations.addAll(check(page));
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void theOperationsDashboardHasNoSeriousOrCriticalViolation() throws IOException {
		DashboardPages.logIn(this.browser, this.port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
		assertThat(check("/dashboards/ops")).isEmpty();
	}

	@Test
	void theChatPageOnAPhoneWithItsMenuAndDrawersOpenHasNoSeriousOrCriticalViolation() throws IOException {
		Browsers.phone(this.browser);
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		ChatPages.signUpAndOpenRoom(this.browser, this.port, "Thumb_" + suffix, "thumb-" + suffix);
		List<String> violations = new ArrayList<>(checkShown("phone chat"));
		for (String drawer : List.of("topnav", "rooms-drawer", "members-drawer")) {
			WebElement button = this.browser.findElement(By.cssSelector("button[aria-controls=" + drawer + "]"));
			button.click();
			ChatPages.waitFor(this.browser).until(ExpectedConditions.visibilityOfElementLocated(By.id(drawer)));
			violations.addAll(checkShown("phone chat, " + drawer + " open"));
			button.sendKeys(Keys.ESCAPE);
			ChatPages.waitFor(this.browser).until(ExpectedConditions.invisibilityOfElementLocated(By.id(drawer)));
		}
		assertThat(violations).isEmpty();
	}

	private List<String> check(String path) throws IOException {
		this.browser.get("http://localhost:" + this.port + path);
		ChatPages.waitFor(this.browser).until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
		return checkShown(path);
	}

	/** axe-core's findings on the page as it is now. */
	private List<String> checkShown(String path) throws IOException {
		this.browser.executeScript(axe());
		Object result = this.browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] })
					.then((r) => done(r.violations
						.filter((v) => v.impact === 'serious' || v.impact === 'critical')
						.map((v) => ({ id: v.id, impact: v.impact,
							nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') }))))
					.catch((e) => done([{ id: 'axe-failed', impact: 'critical', nodes: String(e) }]));
				""");
		List<String> found = new ArrayList<>();
		for (Object violation : (List<?>) result) {
			Map<?, ?> v = (Map<?, ?>) violation;
			found.add(path + ": " + v.get("impact") + " " + v.get("id") + " at " + v.get("nodes"));
		}
		return found;
	}

	private static String axe() throws IOException {
		try (InputStream in = AccessibilityBrowserIT.class.getClassLoader().getResourceAsStream(AXE)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
