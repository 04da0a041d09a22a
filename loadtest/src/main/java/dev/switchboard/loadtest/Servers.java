package dev.switchboard.loadtest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server processes under test, measured together: the product (one instance, or two
 * in the cluster profile, with the RabbitMQ and PostgreSQL they share), or the Socket.IO
 * comparison server.
 */
final class Servers implements AutoCloseable {

	private final List<ServerProcess> processes = new ArrayList<>();

	private final String kind;

	private final SharedServices shared;

	Servers(Options options) throws IOException {
		this.kind = options.server();
		if (socketIo()) {
			if (options.flag("cluster")) {
				throw new IllegalArgumentException("--cluster=true runs the product only, not --server=socketio");
			}
			this.processes.add(ServerProcess.startNode(options.get("node", "node"), options.socketIoServer()));
			this.shared = null;
			return;
		}
		List<String> jvm = List.of(options.jvm().split(" ")).stream().filter((o) -> !o.isBlank()).toList();
		List<String> args = new ArrayList<>();
		// The documented limits, set for the load: one publisher sends far more than a
		// person, and each account holds many of the simulated connections.
		args.add("--switchboard.limits.send-rate=" + options.get("send-rate", "1000"));
		args.add("--switchboard.limits.send-burst=" + options.get("send-burst", "2000"));
		args.add("--switchboard.limits.connections-per-user=" + options.get("connections-per-user", "100"));
		// The generator signs up all its accounts from one address.
		args.add("--switchboard.security.login.signups-per-address=1000000");
		args.add("--logging.level.root=warn");
		int instances = 1;
		if (options.flag("cluster")) {
			instances = 2;
			args.add("--spring.profiles.active=cluster");
			args.add("--spring.datasource.url=" + options.get("db", "jdbc:postgresql://127.0.0.1:5432/switchboard"));
		}
		args.addAll(List.of(options.get("server-args", "").split(" ")).stream().filter((a) -> !a.isBlank()).toList());
		for (int i = 0; i < instances; i++) {
			this.processes.add(ServerProcess.start(options.jar(), jvm, args));
		}
		this.shared = options.flag("cluster")
				? new SharedServices(this.processes.stream().map(ServerProcess::pid).toList(),
						options.get("rabbitmqctl", "rabbitmqctl"))
				: null;
	}

	/** Which server runs: {@code switchboard} or {@code socketio}. */
	String kind() {
		return this.kind;
	}

	/** Whether the Socket.IO comparison server runs rather than the product. */
	boolean socketIo() {
		return Options.SOCKETIO.equals(this.kind);
	}

	/** RabbitMQ and PostgreSQL, measured with the instances of the cluster profile. */
	Optional<SharedServices> shared() {
		return Optional.ofNullable(this.shared);
	}

	List<Integer> ports() {
		return this.processes.stream().map(ServerProcess::port).toList();
	}

	long cpuMillis() throws IOException {
		long total = 0;
		for (ServerProcess process : this.processes) {
			total += process.cpuMillis();
		}
		return total;
	}

	long residentKilobytes() throws IOException {
		long total = 0;
		for (ServerProcess process : this.processes) {
			total += process.residentKilobytes();
		}
		return total;
	}

	long liveHeapKilobytes() throws IOException {
		long total = 0;
		for (ServerProcess process : this.processes) {
			total += process.liveHeapKilobytes();
		}
		return total;
	}

	@Override
	public void close() {
		shared().ifPresent(SharedServices::close);
		this.processes.forEach(ServerProcess::close);
	}

}
