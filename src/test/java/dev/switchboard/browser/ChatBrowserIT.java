package dev.switchboard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.switchboard.support.Browsers;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.system.WebSocketConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people in two browsers sign up, meet in a room and chat; the page survives the
 * server dropping its connection.
 */
@SwitchboardTest
class ChatBrowserIT {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	WebSocketConnections connections;

	ChromeDriver alice;

	ChromeDriver bob;

	String room;

	String suffix;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.suffix = UUID.randomUUID().toString().substring(0, 6);
		this.room = "browser-" + this.suffix;
		this.alice = Browsers.start();
		this.bob = Browsers.start();
	}

	@AfterEach
	void tearDown() {
		if (this.alice != null) {
			this.alice.quit();
		}
		if (this.bob != null) {
			this.bob.quit();
		}
	}

	@Test
	void twoUsersChatWithPresenceTypingAndLiteralHtml() throws Exception {
		String aliceName = "Alice_" + this.suffix;
		String bobName = "Bob_" + this.suffix;
		signUpAndOpenRoom(this.alice, aliceName);
		signUpAndOpenRoom(this.bob, bobName);

		waitFor(this.alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), bobName));
		waitFor(this.alice)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), bobName + " joined"));
		assertThat(texts(this.bob, "#member-list li")).contains(aliceName, bobName + " (you)");

		send(this.alice, "Hello Bob!");
		waitForMessage(this.bob, "Hello Bob!");
		send(this.bob, "Hi Alice, good to see you.");
		waitForMessage(this.alice, "Hi Alice, good to see you.");

		this.bob.findElement(By.id("composer-text")).sendKeys("I am typ");
		waitFor(this.alice).until(ExpectedConditions.textToBe(By.id("typing"), bobName + " is typing…"));
		this.bob.findElement(By.id("composer-text")).clear();

		String html = "<img src=x onerror=\"window.__pwned=1\"><b>not bold</b>";
		send(this.alice, html);
		waitForMessage(this.bob, html);
		assertThat(this.bob.findElements(By.cssSelector("#messages b"))).isEmpty();
		assertThat(this.bob.findElements(By.cssSelector("#messages img"))).isEmpty();
		assertThat(this.bob.executeScript("return window.__pwned === undefined")).isEqualTo(true);

		send(this.bob, "Looks like plain text to me.");
		waitForMessage(this.alice, "Looks like plain text to me.");
		screenshot(this.alice, "chat.png");
	}

	@Test
	void badgeShowsTheReconnectAfterTheServerDropsTheSocket() {
		String aliceName = "Alice_" + this.suffix;
		String bobName = "Bob_" + this.suffix;
		signUpAndOpenRoom(this.alice, aliceName);
		signUpAndOpenRoom(this.bob, bobName);
		waitFor(this.alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), bobName));
		this.alice.executeScript("""
				window.__states = [];
				const badge = document.getElementById('connection-badge');
				new MutationObserver(() => window.__states.push(badge.dataset.state))
					.observe(badge, { attributes: true, attributeFilter: ['data-state'] });
				""");

		assertThat(this.connections.closeAll(CloseStatus.SERVICE_RESTARTED)).isGreaterThanOrEqualTo(2);

		waitFor(this.alice)
			.until((driver) -> ((List<?>) ((JavascriptExecutor) driver).executeScript("return window.__states"))
				.containsAll(List.of("reconnecting", "connected")));
		waitFor(this.alice)
			.until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "connected"));
		assertThat(this.alice.findElement(By.id("connection-badge")).getText()).isEqualTo("live");

		waitFor(this.bob).until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "connected"));
		waitFor(this.alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), bobName));
		send(this.bob, "still here after the drop");
		waitForMessage(this.alice, "still here after the drop");
	}

	private void signUpAndOpenRoom(ChromeDriver driver, String name) {
		driver.get("http://localhost:" + this.port + "/signup");
		driver.findElement(By.name("username")).sendKeys(name);
		driver.findElement(By.name("password")).sendKeys("password-" + name);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		waitFor(driver).until(ExpectedConditions.urlContains("/chat"));
		driver.get("http://localhost:" + this.port + "/chat?room=" + this.room);
		waitFor(driver).until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "connected"));
		waitFor(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), name));
	}

	private static void send(ChromeDriver driver, String text) {
		WebElement composer = driver.findElement(By.id("composer-text"));
		composer.sendKeys(text);
		driver.findElement(By.cssSelector("#composer button[type=submit]")).click();
	}

	private static void waitForMessage(ChromeDriver driver, String text) {
		waitFor(driver).until((d) -> texts((ChromeDriver) d, "#messages li.message .text").contains(text));
	}

	private static List<String> texts(ChromeDriver driver, String selector) {
		return driver.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
	}

	private static WebDriverWait waitFor(ChromeDriver driver) {
		return new WebDriverWait(driver, WAIT);
	}

	private static void screenshot(ChromeDriver driver, String name) throws Exception {
		Path target = Path.of("target", "screenshots", name);
		Files.createDirectories(target.getParent());
		Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
	}

}
