package dev.switchboard.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The command line: a scenario name, then {@code --name=value} options with defaults.
 */
record Options(String scenario, Map<String, String> values) {

	/** The {@code --server} value of the product, the default. */
	static final String SWITCHBOARD = "switchboard";

	/** The {@code --server} value of the Socket.IO comparison server. */
	static final String SOCKETIO = "socketio";

	static Options parse(String[] args) {
		if (args.length == 0 || args[0].startsWith("--")) {
			throw new IllegalArgumentException("usage: LoadTest <fanout|hostile|chat|connections> [--name=value ...]");
		}
		Map<String, String> values = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Options look like --name=value, not '" + arg + "'");
			}
			values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return new Options(args[0], values);
	}

	String get(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	int integer(String name, int fallback) {
		return Integer.parseInt(get(name, Integer.toString(fallback)));
	}

	boolean flag(String name) {
		return Boolean.parseBoolean(get(name, "false"));
	}

	/**
	 * The server to measure: {@code --server}, {@value #SWITCHBOARD} (the default) or
	 * {@value #SOCKETIO}.
	 */
	String server() {
		String server = get("server", SWITCHBOARD);
		if (!server.equals(SWITCHBOARD) && !server.equals(SOCKETIO)) {
			throw new IllegalArgumentException(
					"--server is " + SWITCHBOARD + " or " + SOCKETIO + ", not '" + server + "'");
		}
		return server;
	}

	/**
	 * The Socket.IO comparison server's script: {@code server.js} in
	 * {@code --socketio-dir}, or in {@code loadtest/socketio} of the current directory or
	 * its parent, once {@code npm install} has been run there.
	 */
	Path socketIoServer() {
		String configured = this.values.get("socketio-dir");
		Path dir = (configured != null) ? Path.of(configured)
				: Stream.of(Path.of("loadtest", "socketio"), Path.of("..", "loadtest", "socketio"))
					.filter((candidate) -> Files.isRegularFile(candidate.resolve("server.js")))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException(
							"No loadtest/socketio/server.js here or in the parent directory: run from the repository"));
		if (!Files.isDirectory(dir.resolve("node_modules").resolve("socket.io"))) {
			throw new IllegalStateException(
					"Socket.IO is not installed in " + dir + ": run 'cd " + dir + " && npm install' first");
		}
		return dir.resolve("server.js");
	}

	/**
	 * The product's JVM options: {@code --jvm}, or those of the README's command to run
	 * the jar (the serial collector, and compact object headers on JDK 25 or later, the
	 * Java this tool and so the server run on).
	 */
	String jvm() {
		String jvm = this.values.get("jvm");
		if (jvm != null) {
			return jvm;
		}
		return (Runtime.version().feature() >= 25) ? "-XX:+UseSerialGC -XX:+UseCompactObjectHeaders"
				: "-XX:+UseSerialGC";
	}

	/**
	 * The product's jar: {@code --jar}, or the one {@code ./mvnw package} left in
	 * {@code target/} (of the current directory or its parent).
	 */
	Path jar() {
		String jar = this.values.get("jar");
		if (jar != null) {
			return Path.of(jar);
		}
		for (Path target : new Path[] { Path.of("target"), Path.of("..", "target") }) {
			if (Files.isDirectory(target)) {
				try (Stream<Path> files = Files.list(target)) {
					Path found = files
						.filter((file) -> file.getFileName().toString().matches("switchboard-[0-9].*\\.jar"))
						.findFirst()
						.orElse(null);
					if (found != null) {
						return found;
					}
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}
		}
		throw new IllegalStateException("No target/switchboard-*.jar: run ./mvnw package -DskipTests first");
	}

}
