package dev.switchboard.browser;

import java.util.ArrayList;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees of direct conversations and unread counts: a conversation found by
 * user search, listed by the other person's name, kept across a reload and a reconnect;
 * unread counts and the page title, cleared on every device once read on one; rooms that
 * do not exist, may not be read, or are left.
 */
@SwitchboardTest
class ConversationsBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	WebSocketConnections connections;

	final List<ChromeDriver> browsers = new ArrayList<>();

	String suffix;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.suffix = UUID.randomUUID().toString().substring(0, 6);
	}

	@AfterEach
	void tearDown() {
		this.browsers.forEach(ChromeDriver::quit);
	}

	@Test
	void aDirectConversationFoundBySearchSurvivesAReloadAndAReconnect() {
		String aliceName = "Alice_" + this.suffix;
		String bobName = "Bob_" + this.suffix;
		ChromeDriver alice = browser();
		ChromeDriver bob = browser();
		ChatPages.signUpAndOpenRoom(alice, this.port, aliceName, "lobby");
		ChatPages.signUpAndOpenRoom(bob, this.port, bobName, "lobby");

		// Alice finds Bob by the first letters of his name, in another letter case.
		WebElement search = alice.findElement(By.id("dm-to"));
		search.sendKeys(bobName.substring(0, 6).toLowerCase());
		ChatPages.waitFor(alice)
			.until((d) -> alice.findElements(By.cssSelector("#user-suggestions option"))
				.stream()
				.anyMatch((option) -> bobName.equals(option.getDomProperty("value"))));
		search.clear();
		search.sendKeys(bobName);
		search.submit();
		ChatPages.waitFor(alice).until(ExpectedConditions.textToBe(By.id("room-title"), "@" + bobName));
		ChatPages.waitFor(alice).until(ExpectedConditions.textToBe(By.cssSelector("#dm-list li.active a"), bobName));
		ChatPages.send(alice, "psst, @" + bobName + ": see https://example.org/a?b=1.");

		// Bob, in the lobby, sees the conversation under Alice's name with one unread.
		ChatPages.waitFor(bob).until((d) -> "1".equals(dmUnread(bob, aliceName)));
		assertThat(bob.getTitle()).startsWith("(1) ");
		click(bob, "#dm-list", "peer", aliceName);
		ChatPages.waitFor(bob).until(ExpectedConditions.textToBe(By.id("room-title"), "@" + aliceName));
		ChatPages.waitForMessage(bob, "psst, @" + bobName + ": see https://example.org/a?b=1.");
		ChatPages.waitFor(bob).until((d) -> !bob.getTitle().startsWith("("));
		WebElement message = bob.findElement(By.cssSelector("#messages li.message"));
		assertThat(message.getDomAttribute("class")).contains("mentions-me");
		assertThat(message.findElement(By.cssSelector("mark.mention")).getText()).isEqualTo("@" + bobName);
		WebElement link = message.findElement(By.cssSelector(".text a"));
		assertThat(link.getDomAttribute("href")).isEqualTo("https://example.org/a?b=1");
		assertThat(link.getDomAttribute("rel")).isEqualTo("noopener noreferrer");

		bob.navigate().refresh();
		ChatPages.waitFor(bob).until(ExpectedConditions.textToBe(By.id("room-title"), "@" + aliceName));
		ChatPages.waitForMessage(bob, "psst, @" + bobName + ": see https://example.org/a?b=1.");
		assertThat(dmUnread(bob, aliceName)).isEqualTo("0");

		assertThat(this.connections.closeAll(CloseStatus.SERVICE_RESTARTED)).isGreaterThanOrEqualTo(2);
		ChatPages.send(alice, "still there?");
		ChatPages.waitForMessage(bob, "still there?");
		assertThat(ChatPages.messageTexts(bob))
			.containsExactly("psst, @" + bobName + ": see https://example.org/a?b=1.", "still there?");
	}

	@Test
	void unreadCountsAreClearedOnEveryDeviceOnceReadOnOne() {
		String room = "unread-" + this.suffix;
		String aliceName = "Alice_" + this.suffix;
		String bobName = "Bob_" + this.suffix;
		ChromeDriver alice = browser();
		ChromeDriver bobLaptop = browser();
		ChatPages.signUpAndOpenRoom(alice, this.port, aliceName, room);
		ChatPages.signUpAndOpenRoom(bobLaptop, this.port, bobName, room);
		ChromeDriver bobPhone = browser();
		logIn(bobPhone, bobName);
		for (ChromeDriver bob : List.of(bobLaptop, bobPhone)) {
			bob.get("http://localhost:" + this.port + "/chat?room=lobby");
			ChatPages.waitFor(bob).until((d) -> roomUnread(bob, room) != null);
		}

		ChatPages.send(alice, "one");
		ChatPages.send(alice, "two");
		for (ChromeDriver bob : List.of(bobLaptop, bobPhone)) {
			ChatPages.waitFor(bob).until((d) -> "2".equals(roomUnread(bob, room)));
			assertThat(bob.findElement(By.cssSelector("#room-list li[data-room='" + room + "'] .unread")).getText())
				.isEqualTo("2");
			assertThat(bob.getTitle()).startsWith("(2) ");
		}

		click(bobLaptop, "#room-list", "room", room);
		ChatPages.waitForMessage(bobLaptop, "two");
		ChatPages.waitFor(bobPhone).until((d) -> "0".equals(roomUnread(bobPhone, room)));
		assertThat(bobPhone.getTitle()).doesNotStartWith("(");

		// A reload of the phone counts from the server: still nothing unread.
		bobPhone.navigate().refresh();
		ChatPages.waitFor(bobPhone).until((d) -> roomUnread(bobPhone, room) != null);
		assertThat(roomUnread(bobPhone, room)).isEqualTo("0");
	}

	@Test
	void aMissingRoomIsOfferedARefusedOneShownAsRefusedAndALeftOneGoes() {
		String ownerName = "Owner_" + this.suffix;
		String otherName = "Other_" + this.suffix;
		String secret = "secret-" + this.suffix;
		ChromeDriver owner = browser();
		ChromeDriver other = browser();
		ChatPages.signUpAndOpenRoom(owner, this.port, ownerName, "lobby");
		owner.findElement(By.id("create-name")).sendKeys(secret);
		owner.findElement(By.cssSelector("#create-form button")).click();
		ChatPages.waitFor(owner).until(ExpectedConditions.textToBe(By.id("room-title"), "#" + secret));

		ChatPages.signUpAndOpenRoom(other, this.port, otherName, "lobby");
		other.get("http://localhost:" + this.port + "/chat?room=" + secret);
		ChatPages.waitFor(other)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages .notice"),
					"#" + secret + " is private"));
		assertThat(other.findElement(By.id("composer")).isDisplayed()).isFalse();

		// A room that does not exist is not made by looking at it; the page asks.
		String fresh = "fresh-" + this.suffix;
		WebElement join = other.findElement(By.id("join-name"));
		join.sendKeys(fresh);
		join.submit();
		ChatPages.waitFor(other).until(ExpectedConditions.presenceOfElementLocated(By.id("create-room")));
		assertThat(other.findElement(By.id("composer")).isDisplayed()).isFalse();
		// Listed while open, not stored yet.
		assertThat(roomUnread(other, fresh)).isNotNull();
		other.findElement(By.id("create-room")).click();
		ChatPages.waitFor(other)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages .empty"),
					"No messages in #" + fresh + " yet"));
		assertThat(other.findElement(By.id("composer")).isDisplayed()).isTrue();

		ChatPages.send(other, "first!");
		ChatPages.waitForMessage(other, "first!");
		assertThat(other.findElements(By.cssSelector("#messages .empty"))).isEmpty();
		ChatPages.waitFor(other).until(ExpectedConditions.elementToBeClickable(By.id("leave-room")));
		other.findElement(By.id("leave-room")).click();
		ChatPages.waitFor(other).until(ExpectedConditions.textToBe(By.id("room-title"), "#lobby"));
		assertThat(roomUnread(other, fresh)).isNull();
		other.navigate().refresh();
		ChatPages.waitFor(other).until((d) -> roomUnread(other, "lobby") != null);
		assertThat(roomUnread(other, fresh)).isNull();
	}

	private ChromeDriver browser() {
		ChromeDriver driver = Browsers.start();
		this.browsers.add(driver);
		return driver;
	}

	private void logIn(ChromeDriver driver, String name) {
		driver.get("http://localhost:" + this.port + "/login");
		driver.findElement(By.name("username")).sendKeys(name);
		driver.findElement(By.name("password")).sendKeys("password-" + name);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		ChatPages.waitFor(driver).until(ExpectedConditions.urlContains("/chat"));
	}

	/**
	 * The unread count a sidebar entry shows (by room name), or null if it is not listed.
	 */
	private static String unread(ChromeDriver driver, String list, String key, String value) {
		return (String) driver.executeScript("""
				const item = [...document.querySelectorAll(arguments[0] + ' li')]
				  .find((li) => arguments[1] === 'room' ? li.dataset.room === arguments[2]
				    : li.querySelector('a').firstChild.textContent === arguments[2]);
				return item ? item.dataset.unread : null;""", list, key, value);
	}

	private static String roomUnread(ChromeDriver driver, String room) {
		return unread(driver, "#room-list", "room", room);
	}

	private static String dmUnread(ChromeDriver driver, String peer) {
		return unread(driver, "#dm-list", "peer", peer);
	}

	/** Click a sidebar entry. */
	private static void click(ChromeDriver driver, String list, String key, String value) {
		driver.executeScript("""
				[...document.querySelectorAll(arguments[0] + ' li')]
				  .find((li) => arguments[1] === 'room' ? li.dataset.room === arguments[2]
				    : li.querySelector('a').firstChild.textContent === arguments[2])
				  .querySelector('a').click();""", list, key, value);
	}

}
