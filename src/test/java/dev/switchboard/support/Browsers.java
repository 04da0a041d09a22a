package dev.switchboard.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium from the system's {@code chromium} and {@code chromedriver} packages,
 * never a downloaded browser. Where they are missing, browser tests are skipped, except
 * when the environment variable {@code CI} is set: then they fail.
 */
public final class Browsers {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** The phone the browser tests pretend to be: its viewport in CSS pixels. */
	public static final Dimension PHONE = new Dimension(390, 844);

	private Browsers() {
	}

	/**
	 * Make the page a phone's: a {@link #PHONE} viewport at two device pixels per CSS
	 * pixel, with the mobile viewport rules (the page's viewport meta, overlay
	 * scrollbars).
	 */
	public static void phone(ChromeDriver driver) {
		phone(driver, PHONE.height);
	}

	/**
	 * Make the page a phone's with a viewport of the given height, as when the on-screen
	 * keyboard takes the rest of the screen.
	 */
	public static void phone(ChromeDriver driver, int height) {
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", PHONE.width, "height", height, "deviceScaleFactor", 2, "mobile", true));
	}

	/**
	 * Back to the browser window's own size (a desktop's).
	 */
	public static void desktop(ChromeDriver driver) {
		driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

	/**
	 * Skip (or, under CI, fail) the calling test if Chromium is not installed.
	 */
	public static void assumeAvailable() {
		boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String message = "Browser tests need Debian's chromium and chromium-driver packages ("
				+ "apt-get install chromium chromium-driver); " + CHROMIUM + " or " + CHROMEDRIVER + " is missing";
		if (!available && System.getenv("CI") != null) {
			fail(message);
		}
		assumeTrue(available, message);
	}

	/**
	 * Start a fresh headless browser with its own profile (cookies, storage).
	 */
	public static ChromeDriver start() {
		try {
			Path profile = Files.createTempDirectory("switchboard-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().window().setSize(new Dimension(1280, 800));
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
			return driver;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
