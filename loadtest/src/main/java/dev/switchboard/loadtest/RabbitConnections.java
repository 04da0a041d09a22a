package dev.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Client connections to RabbitMQ, counted two ways: those RabbitMQ holds, from every
 * client, as {@code rabbitmqctl} lists them (AMQP and STOMP), and those the instances
 * under test hold, from {@code /proc}: their established TCP sockets to a port RabbitMQ's
 * Erlang VM listens on, whichever protocol and port the product uses. The second is cheap
 * enough to sample once a second, in a daemon thread, for the peak.
 */
final class RabbitConnections implements AutoCloseable {

	private static final long RABBITMQCTL_TIMEOUT_SECONDS = 30;

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private final List<Long> instancePids;

	private final String rabbitmqctl;

	/** RabbitMQ's listening ports, empty when its sockets cannot be read. */
	private final Set<Integer> rabbitPorts;

	private final Thread sampler;

	private volatile int peak = -1;

	RabbitConnections(List<Long> instancePids, List<ProcessTable.Entry> rabbit, String rabbitmqctl) {
		this.instancePids = instancePids;
		this.rabbitmqctl = rabbitmqctl;
		this.rabbitPorts = listeningPorts(rabbit);
		this.sampler = new Thread(this::sample, "rabbit-connections");
		this.sampler.setDaemon(true);
		if (!this.rabbitPorts.isEmpty()) {
			this.sampler.start();
		}
	}

	/** The connections RabbitMQ holds from any client, or -1 if rabbitmqctl fails. */
	int held() {
		int amqp = rabbitmqctl("list_connections");
		int stomp = rabbitmqctl("list_stomp_connections");
		// Without the STOMP plugin the second command fails: no STOMP connections.
		return (amqp < 0) ? -1 : amqp + Math.max(0, stomp);
	}

	/** The instances' connections to RabbitMQ now, or -1 if its ports are unknown. */
	int ofInstances() {
		return this.rabbitPorts.isEmpty() ? -1 : count();
	}

	/** The most connections the instances held at once, sampled once a second. */
	int peak() {
		return this.rabbitPorts.isEmpty() ? -1 : Math.max(this.peak, count());
	}

	private void sample() {
		while (!Thread.currentThread().isInterrupted()) {
			this.peak = Math.max(this.peak, count());
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private int count() {
		// Sockets to RabbitMQ's ports first, from the kernel's tables: the instances'
		// descriptors are only listed when there is something to match.
		Set<Long> toRabbit = socketsToRabbit();
		if (toRabbit.isEmpty()) {
			return 0;
		}
		int count = 0;
		for (long pid : this.instancePids) {
			Set<Long> own = socketInodes(pid);
			own.retainAll(toRabbit);
			count += own.size();
		}
		return count;
	}

	/**
	 * Count the lines {@code rabbitmqctl} lists, one a connection; -1 if it fails or
	 * takes longer than {@value #RABBITMQCTL_TIMEOUT_SECONDS} seconds.
	 */
	private int rabbitmqctl(String command) {
		Path output = null;
		try {
			output = Files.createTempFile("rabbitmqctl", ".txt");
			Process process = new ProcessBuilder(this.rabbitmqctl, "-q", command, "--no-table-headers", "peer_port")
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(RABBITMQCTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			if (process.exitValue() != 0) {
				return -1;
			}
			try (Stream<String> lines = Files.lines(output)) {
				return (int) lines.filter((line) -> !line.isBlank()).count();
			}
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
		finally {
			if (output != null) {
				output.toFile().delete();
			}
		}
	}

	private static Set<Integer> listeningPorts(List<ProcessTable.Entry> rabbit) {
		Set<Long> inodes = new HashSet<>();
		rabbit.forEach((entry) -> inodes.addAll(socketInodes(entry.pid())));
		Set<Integer> ports = new HashSet<>();
		forEachSocket((fields) -> {
			if ("0A".equals(fields[3]) && inodes.contains(Long.parseLong(fields[9]))) {
				ports.add(port(fields[1]));
			}
		});
		return ports;
	}

	/** Inodes of the established sockets to RabbitMQ's ports, from any process. */
	private Set<Long> socketsToRabbit() {
		Set<Long> inodes = new HashSet<>();
		forEachSocket((fields) -> {
			if ("01".equals(fields[3]) && this.rabbitPorts.contains(port(fields[2]))) {
				inodes.add(Long.parseLong(fields[9]));
			}
		});
		return inodes;
	}

	/** Each line of the kernel's TCP tables, split into its fields. */
	private static void forEachSocket(Consumer<String[]> action) {
		for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			try (BufferedReader reader = Files.newBufferedReader(Path.of(table))) {
				reader.readLine();
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					action.accept(SPACES.split(line.trim()));
				}
			}
			catch (IOException ex) {
				// no such table (no IPv6): nothing in it
			}
		}
	}

	private static int port(String address) {
		return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
	}

	/** The inodes of a process's sockets; empty if its descriptors cannot be read. */
	private static Set<Long> socketInodes(long pid) {
		Set<Long> inodes = new HashSet<>();
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path fd : fds) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		catch (IOException ex) {
			// exited, or not ours to read
		}
		return inodes;
	}

	@Override
	public void close() {
		this.sampler.interrupt();
	}

}
