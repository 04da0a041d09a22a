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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person edits and deletes their own messages in the page; another person who was
 * offline meanwhile sees both changes once the connection is back, and after a reload.
 */
@SwitchboardTest
class MessageEditsBrowserIT {

	@LocalServerPort
	int port;

	ChromeDriver alice;

	ChromeDriver bob;

	String room;

	String suffix;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.suffix = UUID.randomUUID().toString().substring(0, 6);
		this.room = "edits-" + this.suffix;
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
	void anEditAndADeletionReachAPersonWhoWasOffline() {
		ChatPages.signUpAndOpenRoom(this.alice, this.port, "Alice_" + this.suffix, this.room);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, "Bob_" + this.suffix, this.room);
		ChatPages.send(this.alice, "teh typo");
		ChatPages.send(this.alice, "regrettable");
		ChatPages.waitForMessage(this.bob, "regrettable");
		ChatPages.waitFor(this.alice)
			.until((d) -> own(this.alice, "regrettable").getAttribute("data-state").equals("sent"));
		// Alice's messages have no Edit or Delete buttons on Bob's side.
		assertThat(this.bob.findElements(By.cssSelector("#messages li.message .message-actions"))).isEmpty();

		setOffline(this.bob, true);
		ChatPages.waitFor(this.bob)
			.until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "reconnecting"));

		WebElement typo = own(this.alice, "teh typo");
		new Actions(this.alice).moveToElement(typo).perform();
		typo.findElement(By.xpath(".//button[text()='Edit']")).click();
		WebElement editor = typo.findElement(By.cssSelector("textarea.edit-text"));
		editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), "the fix", Keys.ENTER);
		ChatPages.waitFor(this.alice).until((d) -> ChatPages.messageTexts(this.alice).contains("the fix"));
		assertThat(typo.findElement(By.cssSelector(".meta")).getText()).contains("(edited)");

		WebElement regret = own(this.alice, "regrettable");
		new Actions(this.alice).moveToElement(regret).perform();
		regret.findElement(By.xpath(".//button[text()='Delete']")).click();
		this.alice.switchTo().alert().accept();
		ChatPages.waitFor(this.alice).until((d) -> "true".equals(regret.getAttribute("data-deleted")));

		assertThat(ChatPages.messageTexts(this.bob)).containsExactly("teh typo", "regrettable");
		setOffline(this.bob, false);
		ChatPages.waitFor(this.bob)
			.until((d) -> ChatPages.messageTexts(this.bob).equals(List.of("the fix", "This message was deleted.")));

		this.bob.navigate().refresh();
		ChatPages.waitFor(this.bob)
			.until((d) -> ChatPages.messageTexts(this.bob).equals(List.of("the fix", "This message was deleted.")));
		assertThat(this.bob.findElement(By.cssSelector("#messages li.message .meta")).getText()).contains("(edited)");
	}

	private static WebElement own(ChromeDriver driver, String text) {
		return driver.findElements(By.cssSelector("#messages li.message.mine"))
			.stream()
			.filter((item) -> item.findElement(By.cssSelector(".text")).getText().equals(text))
			.findFirst()
			.orElseThrow();
	}

	/** Cut (or restore) a tab's network, as DevTools' offline mode does. */
	private static void setOffline(ChromeDriver driver, boolean offline) {
		driver.executeCdpCommand("Network.enable", Map.of());
		driver.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
	}

}
