package dev.switchboard.browser;

import java.util.List;
import java.util.UUID;

import dev.switchboard.support.Browsers;
import dev.switchboard.support.ChatPages;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.websocket.WebSocketConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

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
		ChatPages.signUpAndOpenRoom(this.alice, this.port, aliceName, this.room);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, bobName, this.room);

		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), bobName));
		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("online-list"), bobName));
		assertThat(texts(this.bob, "#member-list li .member-name")).contains(aliceName, bobName + " (you)");

		ChatPages.send(this.alice, "Hello Bob!");
		ChatPages.waitForMessage(this.bob, "Hello Bob!");
		ChatPages.send(this.bob, "Hi Alice, good to see you.");
		ChatPages.waitForMessage(this.alice, "Hi Alice, good to see you.");

		this.bob.findElement(By.id("composer-text")).sendKeys("I am typ");
		ChatPages.waitFor(this.alice).until(ExpectedConditions.textToBe(By.id("typing"), bobName + " is typing…"));
		this.bob.findElement(By.id("composer-text")).clear();

		String html = "<img src=x onerror=\"window.__pwned=1\"><b>not bold</b>";
		ChatPages.send(this.alice, html);
		ChatPages.waitForMessage(this.bob, html);
		assertThat(this.bob.findElements(By.cssSelector("#messages b"))).isEmpty();
		assertThat(this.bob.findElements(By.cssSelector("#messages img"))).isEmpty();
		assertThat(this.bob.executeScript("return window.__pwned === undefined")).isEqualTo(true);

		ChatPages.send(this.bob, "Looks like plain text to me.");
		ChatPages.waitForMessage(this.alice, "Looks like plain text to me.");
		ChatPages.screenshot(this.alice, "chat.png");
	}

	@Test
	void badgeShowsTheReconnectAfterTheServerDropsTheSocket() {
		String aliceName = "Alice_" + this.suffix;
		String bobName = "Bob_" + this.suffix;
		ChatPages.signUpAndOpenRoom(this.alice, this.port, aliceName, this.room);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, bobName, this.room);
		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), bobName));
		this.alice.executeScript("""
				window.__states = [];
				const badge = document.getElementById('connection-badge');
				new MutationObserver(() => window.__states.push(badge.dataset.state))
					.observe(badge, { attributes: true, attributeFilter: ['data-state'] });
				""");

		assertThat(this.connections.closeAll(CloseStatus.SERVICE_RESTARTED)).isGreaterThanOrEqualTo(2);

		ChatPages.waitFor(this.alice)
			.until((driver) -> ((List<?>) ((JavascriptExecutor) driver).executeScript("return window.__states"))
				.containsAll(List.of("reconnecting", "connected")));
		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "connected"));
		assertThat(this.alice.findElement(By.id("connection-badge")).getText()).isEqualTo("live");

		ChatPages.waitFor(this.bob)
			.until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "connected"));
		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), bobName));
		ChatPages.send(this.bob, "still here after the drop");
		ChatPages.waitForMessage(this.alice, "still here after the drop");
	}

	private static List<String> texts(ChromeDriver driver, String selector) {
		return driver.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
	}

}
