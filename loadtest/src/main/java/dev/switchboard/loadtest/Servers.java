package dev.switchboard.loadtest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The server processes under test (one, or two in the cluster profile), measured
 * together.
 */
final class Servers implements AutoCloseable {

	private final List<ServerProcess> processes = new ArrayList<>();

	Servers(Options options) throws IOException {
		List<String> jvm = List.of(options.get("jvm", "").split(" ")).stream().filter((o) -> !o.isBlank()).toList();
		List<String> args = new ArrayList<>();
		// The documented limits, set for the load: one publisher sends far more than a
		// person, and each account holds many of the simulated connections.
		args.add("--switchboard.limits.send-rate=" + options.get("send-rate", "1000"));
		args.add("--switchboard.limits.send-burst=" + options.get("send-burst", "2000"));
		args.add("--switchboard.limits.connections-per-user=" + options.get("connections-per-user", "100"));
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
		this.processes.forEach(ServerProcess::close);
	}

}
