package dev.switchboard.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one load scenario against server processes it starts from the product's jar (or,
 * with {@code --server=socketio}, against the Socket.IO comparison server in
 * {@code loadtest/socketio}) and prints the figures as a Markdown table row and as JSON.
 *
 * <pre>
 * java -jar loadtest/target/switchboard-loadtest.jar fanout --subscribers=200 --rate=200
 * java -jar loadtest/target/switchboard-loadtest.jar fanout --server=socketio --subscribers=200 --rate=200
 * </pre>
 *
 * With {@code --strict=true} the exit status is 1 if any message was lost or refused.
 */
public final class LoadTest {

	private LoadTest() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		boolean failed;
		try (Servers servers = new Servers(options); Fleet fleet = new Fleet(servers.ports())) {
			Scenarios scenarios = new Scenarios(servers, fleet, options);
			Report report = switch (options.scenario()) {
				case "fanout" -> scenarios.fanout();
				case "hostile" -> scenarios.hostile();
				case "chat" -> scenarios.chat();
				case "connections" -> scenarios.connections();
				default -> throw new IllegalArgumentException(
						"Unknown scenario '" + options.scenario() + "': use fanout, hostile, chat or connections");
			};
			servers.shared().ifPresent((shared) -> shared.putConnections(report));
			report.put("instances", servers.ports().size()).put("jvm", servers.socketIo() ? "n/a" : options.jvm());
			System.out.println(report.table());
			System.out.println(report.json());
			String out = options.get("out", "");
			if (!out.isEmpty()) {
				Files.writeString(Path.of(out), report.json() + "\n");
			}
			failed = options.flag("strict") && report.lostOrRefused();
		}
		if (failed) {
			System.err.println("Messages were lost or refused (--strict=true)");
		}
		System.exit(failed ? 1 : 0);
	}

}
