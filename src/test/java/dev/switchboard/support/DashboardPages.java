package dev.switchboard.support;

import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What browser tests do on the dashboard pages: sign up or log in, open a dashboard, read
 * what its charts show.
 */
public final class DashboardPages {

	private DashboardPages() {
	}

	/**
	 * Sign up through the form (which logs the new user in).
	 */
	public static void signUp(ChromeDriver driver, int port, String name) {
		driver.get("http://localhost:" + port + "/signup");
		driver.findElement(By.name("username")).sendKeys(name);
		driver.findElement(By.name("password")).sendKeys("password-" + name);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		ChatPages.waitFor(driver).until(ExpectedConditions.urlContains("/chat"));
	}

	/**
	 * Log in through the login form.
	 */
	public static void logIn(ChromeDriver driver, int port, String name, String password) {
		driver.get("http://localhost:" + port + "/login");
		driver.findElement(By.name("username")).sendKeys(name);
		driver.findElement(By.name("password")).sendKeys(password);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		ChatPages.waitFor(driver).until(ExpectedConditions.urlContains("/chat"));
	}

	/**
	 * Open a dashboard's page and wait until its charts show live ticks.
	 */
	public static void open(ChromeDriver driver, int port, String name) {
		driver.get("http://localhost:" + port + "/dashboards/" + name);
		waitForTicks(driver, 3);
	}

	/**
	 * Choose the transport (stomp or sse) with the page's switch.
	 */
	public static void switchTo(ChromeDriver driver, String transport) {
		driver.findElement(By.cssSelector("input[name=transport][value=" + transport + "]")).click();
		ChatPages.waitFor(driver)
			.until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-transport", transport));
	}

	/**
	 * Wait until the page has shown at least this many live ticks over the current
	 * transport.
	 */
	public static void waitForTicks(ChromeDriver driver, int ticks) {
		ChatPages.waitFor(driver).until((d) -> number(driver, "data-ticks") >= ticks);
	}

	/**
	 * A numeric data attribute of the dashboard, 0 if absent.
	 */
	public static long number(ChromeDriver driver, String attribute) {
		String value = driver.findElement(By.id("dashboard")).getDomAttribute(attribute);
		return (value != null) ? Long.parseLong(value) : 0;
	}

	/**
	 * Per chart (by key): how many points and how many series it holds, and how many
	 * values uPlot draws.
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Map<String, Long>> charts(ChromeDriver driver) {
		return (Map<String, Map<String, Long>>) driver.executeScript("""
				const charts = {};
				for (const figure of document.querySelectorAll('figure.chart')) {
				  charts[figure.dataset.chart] = {
				    points: Number(figure.dataset.points),
				    series: Number(figure.dataset.series),
				    canvases: figure.querySelectorAll('.uplot canvas').length,
				  };
				}
				return charts;""");
	}

	/**
	 * What a chart's legend shows: {@code time} (the time at the cursor, or "latest"),
	 * {@code labels} and {@code values} of its series; with, from the chart's data,
	 * {@code cursor} (the index of the point under the cursor, or null), {@code points}
	 * and {@code atCursor} (the values at the cursor's point).
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> legend(ChromeDriver driver, String chart) {
		return (Map<String, Object>) driver.executeScript("""
				const figure = document.querySelector(`figure.chart[data-chart="${arguments[0]}"]`);
				const rows = [...figure.querySelectorAll('.u-legend .u-series')];
				const text = (row, selector) => row.querySelector(selector).textContent.trim();
				const u = figure.uplot;
				const columns = u.data.slice(1);
				return {
				  time: text(rows[0], '.u-value'),
				  labels: rows.slice(1).map((row) => text(row, '.u-label')),
				  values: rows.slice(1).map((row) => text(row, '.u-value')),
				  atCursor: u.cursor.idx == null ? null : columns.map((column) => column[u.cursor.idx]),
				  cursor: u.cursor.idx,
				  points: u.data[0].length,
				};""", chart);
	}

}
