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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people in different rooms see each other in "Online"; when one switches rooms, the
 * other's member list follows, with no "joined" or "left" line among the messages.
 */
@SwitchboardTest
class OnlineBrowserIT {

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
	void peopleInOtherRoomsAreOnlineAndSwitchingRoomsPostsNoLines() {
		String aliceName = "Alice_" + this.suffix;
		String bobName = "Bob_" + this.suffix;
		String garden = "garden-" + this.suffix;
		String kitchen = "kitchen-" + this.suffix;
		ChatPages.signUpAndOpenRoom(this.alice, this.port, aliceName, garden);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, bobName, kitchen);

		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("online-list"), bobName));
		ChatPages.waitFor(this.bob)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("online-list"), aliceName));
		assertThat(texts(this.bob, "#online-list li")).contains(aliceName, bobName + " (you)");
		assertThat(texts(this.alice, "#member-list li")).as("bob is online, not in the garden")
			.containsExactly(aliceName + " (you)");

		openRoom(this.alice, kitchen);
		ChatPages.waitFor(this.bob)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), aliceName));
		openRoom(this.alice, garden);
		ChatPages.waitFor(this.bob).until((driver) -> !texts(this.bob, "#member-list li").contains(aliceName));

		assertThat(texts(this.bob, "#messages li.system")).as("no joined or left lines").isEmpty();
		assertThat(this.bob.findElement(By.id("messages")).getText()).doesNotContain("joined").doesNotContain("left");
		assertThat(texts(this.bob, "#online-list li")).as("switching rooms is no going offline")
			.contains(aliceName, bobName + " (you)");
		assertThat(texts(this.alice, "#online-list li")).contains(aliceName + " (you)", bobName);
	}

	@Test
	void someoneWhoClosesTheirLastPageGoesOffline() {
		String aliceName = "Alice_" + this.suffix;
		String bobName = "Bob_" + this.suffix;
		ChatPages.signUpAndOpenRoom(this.alice, this.port, aliceName, "garden-" + this.suffix);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, bobName, "kitchen-" + this.suffix);
		ChatPages.waitFor(this.alice)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("online-list"), bobName));

		this.bob.quit();
		this.bob = null;

		ChatPages.waitFor(this.alice).until((driver) -> !texts(this.alice, "#online-list li").contains(bobName));
		assertThat(texts(this.alice, "#online-list li")).contains(aliceName + " (you)");
	}

	private static void openRoom(ChromeDriver driver, String room) {
		driver.findElement(By.id("join-name")).sendKeys(room + "\n");
		ChatPages.waitFor(driver).until(ExpectedConditions.textToBe(By.id("room-title"), "#" + room));
	}

	private static List<String> texts(ChromeDriver driver, String selector) {
		return driver.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
	}

}
