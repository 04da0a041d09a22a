package dev.switchboard.browser;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the message list reads: a divider for each day, a sender's consecutive messages
 * grouped under one name, and a "new messages" button when something arrives while the
 * list is scrolled up.
 */
@SwitchboardTest
class MessageListBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ChromeDriver alice;

	ChromeDriver bob;

	String room;

	String suffix;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.suffix = UUID.randomUUID().toString().substring(0, 6);
		this.room = "list-" + this.suffix;
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
	void daysAreDividedASendersRunIsGroupedAndNewMessagesBelowAreAnnounced() {
		// Forty old messages: three days ago, then yesterday.
		Instant now = Instant.now();
		this.jdbc.sql("insert into rooms (name, visibility) values (?, 'PUBLIC')").param(this.room).update();
		for (int i = 1; i <= 40; i++) {
			store(i, "old " + i, now.minus(Duration.ofDays((i <= 20) ? 3 : 1)).plusSeconds(i));
		}
		String aliceName = "Alice_" + this.suffix;
		ChatPages.signUpAndOpenRoom(this.alice, this.port, aliceName, this.room);
		ChatPages.signUpAndOpenRoom(this.bob, this.port, "Bob_" + this.suffix, this.room);
		ChatPages.waitForMessage(this.bob, "old 40");

		ChatPages.send(this.alice, "first of a run");
		ChatPages.send(this.alice, "second of a run");
		ChatPages.waitForMessage(this.bob, "second of a run");
		assertThat(dividers(this.bob)).hasSize(3).endsWith("Yesterday", "Today");
		WebElement second = message(this.bob, "second of a run");
		assertThat(second.getDomAttribute("data-continued")).isNotNull();
		assertThat(message(this.bob, "first of a run").getDomAttribute("data-continued")).isNull();
		assertThat(second.findElement(By.cssSelector(".sender")).isDisplayed()).isFalse();

		// Bob reads older messages; one arriving meanwhile does not move him, but says
		// so.
		this.bob.executeScript("document.getElementById('messages').scrollTop = 0");
		ChatPages.waitFor(this.bob).until((d) -> scrollTop(this.bob) < 40);
		ChatPages.send(this.alice, "while you were up there");
		ChatPages.waitForMessage(this.bob, "while you were up there");
		WebElement button = this.bob.findElement(By.id("new-messages"));
		ChatPages.waitFor(this.bob).until(ExpectedConditions.visibilityOf(button));
		assertThat(button.getText()).isEqualTo("1 new message ↓");
		assertThat(scrollTop(this.bob)).isLessThan(200);
		button.click();
		ChatPages.waitFor(this.bob).until(ExpectedConditions.invisibilityOf(button));
		assertThat((Boolean) this.bob.executeScript(
				"const m = document.getElementById('messages'); return m.scrollHeight - m.scrollTop - m.clientHeight < 80"))
			.isTrue();
	}

	private void store(long seq, String text, Instant at) {
		this.jdbc.sql("update rooms set last_seq = ? where name = ?").params(seq, this.room).update();
		this.jdbc.sql("insert into messages (id, room, seq, sender, body, created_at) values (?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID().toString(), this.room, seq, "someone", text, Timestamp.from(at))
			.update();
	}

	@SuppressWarnings("unchecked")
	private static List<String> dividers(ChromeDriver driver) {
		return (List<String>) driver
			.executeScript("return [...document.querySelectorAll('#messages li.divider')].map((li) => li.textContent)");
	}

	private static WebElement message(ChromeDriver driver, String text) {
		return driver.findElements(By.cssSelector("#messages li.message"))
			.stream()
			.filter((item) -> item.findElement(By.cssSelector(".text")).getText().equals(text))
			.findFirst()
			.orElseThrow();
	}

	private static long scrollTop(ChromeDriver driver) {
		return ((Number) driver.executeScript("return document.getElementById('messages').scrollTop")).longValue();
	}

}
