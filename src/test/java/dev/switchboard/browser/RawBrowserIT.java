package dev.switchboard.browser;

import java.util.List;
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
 * The raw demo page, on the browser's own WebSocket and no library, chats with the chat
 * page (STOMP) in the same room, both ways.
 */
@SwitchboardTest
class RawBrowserIT {

	@LocalServerPort
	int port;

	ChromeDriver alice;

	ChromeDriver bob;

	String suffix;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.suffix = UUID.randomUUID().toString().substring(0, 6);
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
	void rawPageAndChatPageExchangeMessagesInOneRoom() throws Exception {
		String room = "raw-browser-" + this.suffix;
		String aliceName = "Alice_" + this.suffix;
		String bobName = "Bob_" + this.suffix;
		ChatPages.signUpAndOpenRoom(this.alice, this.port, aliceName, room);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, bobName, "lobby");

		this.bob.findElement(By.linkText("Raw WebSocket")).click();
		ChatPages.waitFor(this.bob)
			.until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "connected"));
		assertThat(scripts(this.bob)).as("the page loads no library, only its own and the header's menu")
			.hasSize(2)
			.anyMatch((script) -> script.matches("/js/raw-[0-9a-f]{32}\\.js"))
			.anyMatch((script) -> script.matches("/js/drawers-[0-9a-f]{32}\\.js"));
		this.bob.findElement(By.id("room-name")).sendKeys(room);
		this.bob.findElement(By.cssSelector("#room-form button[type=submit]")).click();
		ChatPages.waitFor(this.bob)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "In #" + room));
		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), bobName));

		ChatPages.send(this.alice, "Hello from the chat page");
		ChatPages.waitForMessage(this.bob, "Hello from the chat page");
		ChatPages.send(this.bob, "Hello from a plain WebSocket");
		ChatPages.waitForMessage(this.alice, "Hello from a plain WebSocket");

		String html = "<b>not bold</b><img src=x onerror=\"window.__pwned=1\">";
		ChatPages.send(this.alice, html);
		ChatPages.waitForMessage(this.bob, html);
		assertThat(this.bob.findElements(By.cssSelector("#messages b, #messages img"))).isEmpty();
		assertThat(this.bob.executeScript("return window.__pwned === undefined")).isEqualTo(true);

		ChatPages.send(this.bob, "Same room, same seq, no library.");
		ChatPages.waitForMessage(this.alice, "Same room, same seq, no library.");
		ChatPages.screenshot(this.bob, "raw.png");
	}

	@SuppressWarnings("unchecked")
	private static List<String> scripts(ChromeDriver driver) {
		return (List<String>) driver
			.executeScript("return [...document.scripts].filter((s) => s.src).map((s) => new URL(s.src).pathname)");
	}

}
