package dev.switchboard.loadtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server process, started from the product's jar or the Socket.IO comparison server's
 * script, on a free port, with its log in a directory of its own; its CPU time and
 * resident memory are read from {@code /proc/<pid>}.
 */
final class ServerProcess implements AutoCloseable {

	/** Linux's clock ticks per second for {@code /proc/<pid>/stat} times. */
	private static final int CLOCK_TICKS = 100;

	private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

	private final Process process;

	private final int port;

	private ServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Start the jar with the given JVM options and {@code --name=value} arguments, and
	 * wait until {@code /actuator/health} says UP.
	 */
	static ServerProcess start(Path jar, List<String> jvmOptions, List<String> args) throws IOException {
		int port = freePort();
		Path dir = Files.createTempDirectory("switchboard-load");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toAbsolutePath().toString());
		command.add("--server.port=" + port);
		command.addAll(args);
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("server.log").toFile())
			.start();
		ServerProcess server = new ServerProcess(process, port);
		System.err.println("Server pid " + process.pid() + " on port " + port + ", log " + dir.resolve("server.log"));
		server.awaitHealthy(dir.resolve("server.log"));
		return server;
	}

	/**
	 * Start the Socket.IO comparison server's script with Node.js on a port it picks, and
	 * wait until it prints {@code listening on 127.0.0.1:<port>}.
	 */
	static ServerProcess startNode(String node, Path script) throws IOException {
		Path dir = Files.createTempDirectory("switchboard-load");
		Path log = dir.resolve("server.log");
		Process process;
		try {
			process = new ProcessBuilder(node, script.toAbsolutePath().toString(), "0").directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Cannot run '" + node + "' (Node.js 18 or later; --node=path names it): " + ex.getMessage(), ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			Matcher listening = LISTENING.matcher(Files.readString(log));
			if (listening.find()) {
				ServerProcess server = new ServerProcess(process, Integer.parseInt(listening.group(1)));
				System.err
					.println("Socket.IO server pid " + process.pid() + " on port " + server.port + ", log " + log);
				return server;
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("The Socket.IO server exited; see " + log);
			}
			pause(100);
		}
		process.destroy();
		throw new IllegalStateException("The Socket.IO server did not listen within 30 seconds; see " + log);
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	/** User plus system CPU time the process has used so far, in milliseconds. */
	long cpuMillis() throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
		// Fields after the command name, which is in parentheses and may hold spaces.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 1000 / CLOCK_TICKS;
	}

	/** Resident memory of the process now, in kilobytes. */
	long residentKilobytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException("No VmRSS for process " + pid());
	}

	/**
	 * Live heap of the process in kilobytes: {@code jcmd GC.class_histogram} collects
	 * garbage first, then counts what is left.
	 */
	long liveHeapKilobytes() throws IOException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		String output = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		for (String line : output.split("\n")) {
			if (line.startsWith("Total ")) {
				String[] fields = line.trim().split("\\s+");
				return Long.parseLong(fields[2]) / 1024;
			}
		}
		throw new IllegalStateException("No class histogram for process " + pid() + ": " + output);
	}

	private void awaitHealthy(Path log) throws IOException {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The server exited; see " + log);
			}
			try {
				HttpResponse<String> health = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().endsWith("\"status\":\"UP\"}")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			pause(250);
		}
		throw new IllegalStateException("The server did not become healthy within 3 minutes; see " + log);
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
