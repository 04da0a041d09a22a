package dev.switchboard.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.dashboard.DashboardTest;
import dev.switchboard.support.Browsers;
import dev.switchboard.support.ChatPages;
import dev.switchboard.support.DashboardPages;
import dev.switchboard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages on a phone (390 × 844 CSS pixels): none scrolls sideways, the header's links
 * are behind a menu button, the chat's room list and member list are drawers, the
 * composer stays in view (also above an on-screen keyboard), and a dashboard's time
 * labels keep apart.
 */
@DashboardTest
class PhoneLayoutBrowserIT {

	/** What sticks out of the viewport on the right, or null if nothing does. */
	private static final String OVERFLOW = """
			const root = document.documentElement;
			if (root.scrollWidth <= innerWidth && root.scrollWidth <= root.clientWidth) {
				return null;
			}
			const wide = [...document.querySelectorAll('body *')]
				.filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
				.slice(0, 3)
				.map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className);
			return 'scrollWidth ' + root.scrollWidth + ' > ' + innerWidth + ': ' + wide.join(', ');""";

	/** Whether the element is inside the viewport and not covered by another. */
	private static final String IN_VIEW = """
			const r = arguments[0].getBoundingClientRect();
			const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth
				&& arguments[0].contains(hit);""";

	@LocalServerPort
	int port;

	ChromeDriver browser;

	String suffix;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.suffix = UUID.randomUUID().toString().substring(0, 6);
		this.browser = Browsers.start();
		Browsers.phone(this.browser);
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void noPageScrollsSidewaysAndEveryHeaderIsCollapsed() {
		List<String> problems = new ArrayList<>();
		for (String page : List.of("/", "/login", "/signup")) {
			problems.addAll(check(page, "main"));
		}
		assertThat((Long) this.browser.executeScript("return innerWidth")).isEqualTo(Browsers.PHONE.width);
		String room = "phone-" + this.suffix;
		ChatPages.signUpAndOpenRoom(this.browser, this.port, "Phone_" + this.suffix, room);
		problems.addAll(check(null, "#member-list li"));
		problems.addAll(check("/dashboards", "main a.card"));
		problems.addAll(check("/dashboards/sensors", "figure.chart .uplot"));
		problems.addAll(check("/raw-demo?room=" + room, "#messages li"));

		this.browser.manage().deleteAllCookies();
		DashboardPages.logIn(this.browser, this.port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
		problems.addAll(check("/dashboards/ops", "figure[data-chart=gc] .uplot"));
		assertThat(problems).isEmpty();
	}

	@Test
	void theHeaderMenuOpensAndClosesWithTheKeyboard() {
		DashboardPages.signUp(this.browser, this.port, "Keys_" + this.suffix);
		WebElement menu = this.browser.findElement(By.cssSelector("button.menu-toggle"));
		WebElement dashboards = this.browser.findElement(By.cssSelector("#topnav a[href='/dashboards']"));
		assertThat(menu.getDomAttribute("aria-controls")).isEqualTo("topnav");
		assertThat(menu.getDomAttribute("aria-expanded")).isEqualTo("false");
		assertThat(dashboards.isDisplayed()).isFalse();

		this.browser.executeScript("arguments[0].focus()", menu);
		keys(Keys.ENTER);
		waitFor().until(ExpectedConditions.attributeToBe(menu, "aria-expanded", "true"));
		waitFor().until(ExpectedConditions.visibilityOf(dashboards));
		assertThat(this.browser.executeScript(OVERFLOW)).isNull();

		keys(Keys.ESCAPE);
		waitFor().until(ExpectedConditions.attributeToBe(menu, "aria-expanded", "false"));
		waitFor().until(ExpectedConditions.invisibilityOf(dashboards));
		assertThat(this.browser.switchTo().activeElement()).isEqualTo(menu);

		keys(Keys.SPACE);
		waitFor().until(ExpectedConditions.visibilityOf(dashboards));
		keys(Keys.TAB);
		assertThat(this.browser.switchTo().activeElement().getText()).isEqualTo("Chat");
		keys(Keys.TAB, Keys.ENTER);
		waitFor().until(ExpectedConditions.urlContains("/dashboards"));
		assertThat(this.browser.findElement(By.cssSelector("button.menu-toggle")).getDomAttribute("aria-expanded"))
			.isEqualTo("false");
	}

	@Test
	void theRoomListAndTheMembersAreDrawersAndTheComposerStaysInView() throws Exception {
		String name = "Pat_" + this.suffix;
		String room = "phone-" + this.suffix;
		String other = "other-" + this.suffix;
		ChatPages.signUpAndOpenRoom(this.browser, this.port, name, room);
		WebElement roomsButton = this.browser.findElement(By.cssSelector("button[aria-controls=rooms-drawer]"));
		WebElement membersButton = this.browser.findElement(By.cssSelector("button[aria-controls=members-drawer]"));
		WebElement rooms = this.browser.findElement(By.id("rooms-drawer"));
		WebElement members = this.browser.findElement(By.id("members-drawer"));
		WebElement composer = this.browser.findElement(By.id("composer"));
		assertThat(rooms.isDisplayed()).isFalse();
		assertThat(members.isDisplayed()).isFalse();
		assertThat(inView(composer)).isTrue();

		open(roomsButton, rooms);
		assertThat(this.browser.executeScript("return arguments[0].contains(document.activeElement)", rooms))
			.as("the focus is in the drawer")
			.isEqualTo(true);
		keys(Keys.ESCAPE);
		closed(roomsButton, rooms);
		assertThat(this.browser.switchTo().activeElement()).isEqualTo(roomsButton);

		open(roomsButton, rooms);
		this.browser.findElement(By.id("join-name")).sendKeys(other, Keys.ENTER);
		waitFor().until(ExpectedConditions.textToBe(By.id("room-title"), "#" + other));
		closed(roomsButton, rooms);
		open(roomsButton, rooms);
		this.browser.findElement(By.linkText("#" + room)).click();
		waitFor().until(ExpectedConditions.textToBe(By.id("room-title"), "#" + room));
		closed(roomsButton, rooms);

		open(membersButton, members);
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-list"), name));
		new Actions(this.browser).moveToLocation(20, 400).click().perform(); // on the
																				// shade
																				// beside
																				// it
		closed(membersButton, members);
		open(membersButton, members);
		keys(Keys.ESCAPE);
		closed(membersButton, members);

		ChatPages.send(this.browser, "Written on a phone.");
		ChatPages.waitForMessage(this.browser, "Written on a phone.");
		ChatPages.send(this.browser, "The room list and the members are one tap away.");
		ChatPages.waitForMessage(this.browser, "The room list and the members are one tap away.");
		assertThat(inView(composer)).isTrue();
		assertThat(this.browser.executeScript(OVERFLOW)).isNull();
		ChatPages.screenshot(this.browser, "chat-phone.png");

		// The on-screen keyboard takes the lower part of the screen.
		Browsers.phone(this.browser, 420);
		waitFor().until((driver) -> inView(composer));
		this.browser.findElement(By.id("composer-text")).click();
		ChatPages.send(this.browser, "Still in view above the keyboard.");
		ChatPages.waitForMessage(this.browser, "Still in view above the keyboard.");
	}

	@Test
	void aDashboardFitsAndItsTimeLabelsKeepApart() throws Exception {
		DashboardPages.signUp(this.browser, this.port, "Grower_" + this.suffix);
		DashboardPages.open(this.browser, this.port, "sensors");
		assertThat(this.browser.executeScript(OVERFLOW)).isNull();
		// Six seconds of ticks, for several labels.
		waitFor().until((driver) -> DashboardPages.number(this.browser, "data-points") >= 30);
		// How many labels fit depends on where the time range falls against the label
		// steps (1 s, 5 s, 15 s, …): wait until each chart has two, checking every time
		// that none collide.
		waitFor().until((driver) -> labelsApart().values().stream().allMatch((labels) -> labels.size() >= 2));
		assertThat(labelsApart()).containsOnlyKeys("temperature", "humidity", "co2")
			.allSatisfy((chart, labels) -> assertThat(labels).as(chart)
				.allMatch((label) -> label.matches("\\d\\d:\\d\\d(:\\d\\d)?")));
		ChatPages.screenshot(this.browser, "dashboard-phone.png");
	}

	/**
	 * Per chart, the x axis' labels; fails if two of them overlap (or come within 4 px).
	 */
	@SuppressWarnings("unchecked")
	private Map<String, List<String>> labelsApart() {
		Map<String, Object> result = (Map<String, Object>) this.browser.executeScript("""
				const found = { labels: {}, overlaps: [] };
				const ctx = document.createElement('canvas').getContext('2d');
				for (const figure of document.querySelectorAll('figure.chart')) {
				  const u = figure.uplot, axis = u.axes[0];
				  ctx.font = axis.font[0];
				  const labels = axis._values.map(String);
				  const xs = axis._splits.map((split) => u.valToPos(split, 'x'));
				  const widths = labels.map((label) => ctx.measureText(label).width / devicePixelRatio);
				  for (let i = 1; i < labels.length; i++) {
				    if (xs[i] - xs[i - 1] < (widths[i] + widths[i - 1]) / 2 + 4) {
				      found.overlaps.push(figure.dataset.chart + ': ' + labels[i - 1] + ' / ' + labels[i]);
				    }
				  }
				  found.labels[figure.dataset.chart] = labels;
				}
				return found;""");
		assertThat((List<String>) result.get("overlaps")).isEmpty();
		return (Map<String, List<String>>) result.get("labels");
	}

	/**
	 * Open a page (or stay, if null), wait until the element is there, and say what is
	 * wrong with its layout on a phone.
	 */
	private List<String> check(String path, String readySelector) {
		if (path != null) {
			this.browser.get("http://localhost:" + this.port + path);
		}
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(readySelector)));
		String page = this.browser.getCurrentUrl();
		List<String> problems = new ArrayList<>();
		Object overflow = this.browser.executeScript(OVERFLOW);
		if (overflow != null) {
			problems.add(page + ": " + overflow);
		}
		if (!this.browser.findElement(By.cssSelector("button.menu-toggle")).isDisplayed()
				|| this.browser.findElement(By.id("topnav")).isDisplayed()) {
			problems.add(page + ": the header's links are not behind the menu button");
		}
		return problems;
	}

	private void open(WebElement button, WebElement drawer) {
		button.click();
		waitFor().until(ExpectedConditions.attributeToBe(button, "aria-expanded", "true"));
		waitFor().until((driver) -> drawer.isDisplayed() && inView(drawer));
	}

	private void closed(WebElement button, WebElement drawer) {
		waitFor().until(ExpectedConditions.attributeToBe(button, "aria-expanded", "false"));
		waitFor().until(ExpectedConditions.invisibilityOf(drawer));
	}

	private boolean inView(WebElement element) {
		return Boolean.TRUE.equals(this.browser.executeScript(IN_VIEW, element));
	}

	private void keys(CharSequence... keys) {
		Actions actions = new Actions(this.browser);
		for (CharSequence key : keys) {
			actions.sendKeys(key);
		}
		actions.perform();
	}

	private WebDriverWait waitFor() {
		return ChatPages.waitFor(this.browser);
	}

}
