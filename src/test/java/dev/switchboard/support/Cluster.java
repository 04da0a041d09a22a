package dev.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Instances of the application in the {@code cluster} profile, each on its own random
 * port, sharing the machine's RabbitMQ (AMQP on 127.0.0.1:5672, on an exchange of their
 * own that is deleted on close) and PostgreSQL (127.0.0.1:5432, database {@code test}, in
 * a schema of their own that is dropped on close).
 *
 * <p>
 * Without those services the calling test is skipped, unless the environment variable
 * {@code CI} is set: then it fails, so that a CI run never passes without them.
 */
public final class Cluster implements AutoCloseable {

	/** RabbitMQ's AMQP port on this machine. */
	public static final int AMQP_PORT = 5672;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";

	private final String schema = "cluster_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final String exchange = "switchboard.it." + this.schema;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final JdbcClient admin;

	private Cluster() {
		this.admin = JdbcClient.create(new DriverManagerDataSource(DATABASE, "postgres", ""));
		this.admin.sql("create schema " + this.schema).update();
	}

	/**
	 * A cluster with no instance yet, or a skipped test if RabbitMQ or PostgreSQL cannot
	 * be reached (a failed one when {@code CI} is set).
	 */
	public static Cluster create() {
		requireService("RabbitMQ", AMQP_PORT, "start it with: rabbitmq-server -detached");
		requireService("PostgreSQL", 5432, "start PostgreSQL with database 'test' and trust authentication");
		return new Cluster();
	}

	/**
	 * Start another instance.
	 * @param extraArgs further {@code --name=value} arguments
	 * @return its port
	 */
	public int start(String... extraArgs) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class)
			.run(args(extraArgs));
		this.instances.add(context);
		return port(context);
	}

	/**
	 * The context of the n-th instance started (from 0).
	 */
	public ConfigurableApplicationContext instance(int index) {
		return this.instances.get(index);
	}

	/**
	 * Stop the n-th instance started (from 0), as an operator would.
	 */
	public void stop(int index) {
		this.instances.get(index).close();
	}

	/**
	 * A client of the cluster's database.
	 */
	public JdbcClient database() {
		return JdbcClient.create(new DriverManagerDataSource(url(), "postgres", ""));
	}

	/**
	 * The status of one component of an instance's {@code /actuator/health}, such as
	 * {@code cluster} or {@code db}.
	 */
	public static String health(int port, String component) {
		HttpResponse<String> response = health(port);
		JsonNode status = JSON.readTree(response.body()).path("components").path(component).path("status");
		return status.isMissingNode() ? "MISSING" : status.asString();
	}

	/**
	 * The HTTP status and overall status of an instance's {@code /actuator/health}, such
	 * as {@code 200 DEGRADED}.
	 */
	public static String overallHealth(int port) {
		HttpResponse<String> response = health(port);
		return response.statusCode() + " " + JSON.readTree(response.body()).path("status").asString();
	}

	private static HttpResponse<String> health(int port) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * How many connections RabbitMQ holds now, from {@code rabbitmqctl} (the calling test
	 * is skipped if it cannot tell, unless {@code CI} is set).
	 */
	public static int brokerConnections() {
		try {
			Process process = new ProcessBuilder("rabbitmqctl", "-q", "list_connections", "name").start();
			String out = new String(process.getInputStream().readAllBytes());
			boolean done = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
			if (!done && System.getenv("CI") != null) {
				throw new IllegalStateException(
						"rabbitmqctl list_connections failed; CI is set, so this test must run");
			}
			Assumptions.assumeTrue(done, "rabbitmqctl list_connections is not available here; test skipped");
			return (int) out.lines().filter((line) -> !line.isBlank() && !line.startsWith("name")).count();
		}
		catch (IOException ex) {
			if (System.getenv("CI") != null) {
				throw new IllegalStateException("rabbitmqctl is not available; CI is set, so this test must run", ex);
			}
			Assumptions.abort("rabbitmqctl is not available here (" + ex.getMessage() + "); test skipped");
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Stop RabbitMQ's application (every connection to it drops) and start it again with
	 * {@code rabbitmqctl}, running the given step while it is down. Skips the calling
	 * test if {@code rabbitmqctl} cannot do it, unless {@code CI} is set.
	 */
	public static void restartBroker(Runnable whileDown) {
		boolean stopped = rabbitmqctl("stop_app");
		if (!stopped && System.getenv("CI") != null) {
			throw new IllegalStateException("rabbitmqctl stop_app failed; CI is set, so this test must run");
		}
		Assumptions.assumeTrue(stopped, "rabbitmqctl stop_app is not available here; broker restart test skipped");
		try {
			whileDown.run();
		}
		finally {
			if (!rabbitmqctl("start_app")) {
				throw new IllegalStateException("rabbitmqctl start_app failed: start RabbitMQ again by hand");
			}
		}
	}

	private static boolean rabbitmqctl(String command) {
		try {
			Process process = new ProcessBuilder("rabbitmqctl", "-q", command).inheritIO().start();
			return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		for (ConfigurableApplicationContext context : this.instances) {
			context.close();
		}
		this.admin.sql("drop schema " + this.schema + " cascade").update();
		CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", AMQP_PORT);
		try {
			new RabbitAdmin(broker).deleteExchange(this.exchange);
		}
		catch (AmqpException ex) {
			// RabbitMQ is away: the exchange goes with its next restart's cleanup by hand
		}
		finally {
			broker.destroy();
		}
	}

	private String url() {
		return DATABASE + "?currentSchema=" + this.schema;
	}

	private String[] args(String... extraArgs) {
		Properties properties = new Properties();
		try (InputStream in = Cluster.class.getResourceAsStream("/test.properties")) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		properties.setProperty("spring.profiles.active", "cluster");
		properties.setProperty("spring.datasource.url", url());
		properties.setProperty("server.port", "0");
		properties.setProperty("switchboard.cluster.exchange", this.exchange);
		// As arguments, so that they win over ./application.yml like test properties do.
		List<String> args = new ArrayList<>();
		properties.stringPropertyNames().forEach((name) -> args.add("--" + name + "=" + properties.getProperty(name)));
		args.addAll(List.of(extraArgs));
		return args.toArray(String[]::new);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static void requireService(String name, int port, String hint) {
		boolean reachable;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			reachable = true;
		}
		catch (IOException ex) {
			reachable = false;
		}
		String message = name + " is not reachable on 127.0.0.1:" + port + " (" + hint + ")";
		if (!reachable && System.getenv("CI") != null) {
			throw new IllegalStateException(message + "; CI is set, so cluster tests must run");
		}
		Assumptions.assumeTrue(reachable, message + "; cluster tests skipped");
	}

}
