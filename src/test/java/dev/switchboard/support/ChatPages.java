package dev.switchboard.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What browser tests do on the pages: sign up, open a room, write, read the messages.
 */
public final class ChatPages {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private ChatPages() {
	}

	/**
	 * Sign up through the form, open a room (creating it with the page's button if it
	 * does not exist yet), and wait until the page is connected and lists the user in the
	 * room.
	 */
	public static void signUpAndOpenRoom(ChromeDriver driver, int port, String name, String room) {
		signUp(driver, port, name);
		driver.get("http://localhost:" + port + "/chat?room=" + room);
		waitFor(driver).until(ExpectedConditions.attributeToBe(By.id("connection-badge"), "data-state", "connected"));
		waitFor(driver).until((d) -> isListed(driver, name) || !driver.findElements(By.id("create-room")).isEmpty());
		if (!isListed(driver, name)) {
			driver.findElement(By.id("create-room")).click();
		}
		waitFor(driver).until((d) -> isListed(driver, name));
	}

	/**
	 * Whether the member list names the user (by textContent: on a phone the list is in a
	 * closed drawer).
	 */
	private static boolean isListed(ChromeDriver driver, String name) {
		return String.valueOf(driver.findElement(By.id("member-list")).getDomProperty("textContent")).contains(name);
	}

	/**
	 * Sign up through the form, which leads to the chat page.
	 */
	public static void signUp(ChromeDriver driver, int port, String name) {
		driver.get("http://localhost:" + port + "/signup");
		driver.findElement(By.name("username")).sendKeys(name);
		driver.findElement(By.name("password")).sendKeys("password-" + name);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		waitFor(driver).until(ExpectedConditions.urlContains("/chat"));
	}

	/**
	 * Write a message in the composer and send it.
	 */
	public static void send(ChromeDriver driver, String text) {
		driver.findElement(By.id("composer-text")).sendKeys(text);
		driver.findElement(By.cssSelector("#composer button[type=submit]")).click();
	}

	/**
	 * The texts of the chat messages the page shows, top to bottom.
	 */
	@SuppressWarnings("unchecked")
	public static List<String> messageTexts(ChromeDriver driver) {
		return (List<String>) driver.executeScript(
				"return [...document.querySelectorAll('#messages li.message')].map((li) => li.querySelector('.text').textContent)");
	}

	/**
	 * Wait until the page shows a message with this text.
	 */
	public static void waitForMessage(ChromeDriver driver, String text) {
		waitFor(driver).until((d) -> messageTexts(driver).contains(text));
	}

	public static WebDriverWait waitFor(ChromeDriver driver) {
		return new WebDriverWait(driver, WAIT);
	}

	/**
	 * Save a screenshot under {@code target/screenshots/} and, with the system property
	 * {@code screenshots=true}, as the README's picture of that name in {@code docs/}.
	 */
	public static void screenshot(ChromeDriver driver, String name) throws IOException {
		byte[] png = driver.getScreenshotAs(OutputType.BYTES);
		Path target = Path.of("target", "screenshots", name);
		Files.createDirectories(target.getParent());
		Files.write(target, png);
		if (Boolean.getBoolean("screenshots")) {
			Files.write(Path.of("docs", name), png);
		}
	}

}
