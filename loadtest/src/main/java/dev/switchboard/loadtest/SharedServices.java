package dev.switchboard.loadtest;

import java.util.List;

/**
 * The services the instances of the cluster profile share, RabbitMQ and PostgreSQL on
 * this machine, measured with them: their CPU time per 1,000 deliveries beside the
 * instances', and RabbitMQ's client connections. RabbitMQ is its Erlang VM
 * ({@code beam.smp} with {@code rabbit} in its command line, not a {@code rabbitmqctl}
 * one) and the processes it started; PostgreSQL is every process named {@code postgres}
 * under its postmaster. Figures of a service whose processes are not found are
 * {@code n/a}.
 */
final class SharedServices implements AutoCloseable {

	private static final String NOT_AVAILABLE = "n/a";

	/** CPU time used so far, in milliseconds, -1 where the processes are not found. */
	record Cpu(long rabbitMs, long postgresMs) {
	}

	private final RabbitConnections connections;

	SharedServices(List<Long> instancePids, String rabbitmqctl) {
		this.connections = new RabbitConnections(instancePids, rabbit(ProcessTable.read()), rabbitmqctl);
	}

	Cpu cpu() {
		ProcessTable table = ProcessTable.read();
		return new Cpu(cpuMillis(table, rabbit(table)), cpuMillis(table, postgres(table)));
	}

	/**
	 * Add RabbitMQ's and PostgreSQL's CPU time since {@code before}, each and with the
	 * instances' per 1,000 deliveries.
	 */
	void putCpu(Report report, Cpu before, long instancesMs, long delivered) {
		Cpu after = cpu();
		long rabbitMs = since(before.rabbitMs(), after.rabbitMs());
		long postgresMs = since(before.postgresMs(), after.postgresMs());
		report.put("rabbitCpuMs", figure(rabbitMs))
			.put("postgresCpuMs", figure(postgresMs))
			.put("rabbitCpuMsPer1000", per1000(rabbitMs, delivered))
			.put("postgresCpuMsPer1000", per1000(postgresMs, delivered))
			.put("clusterCpuMsPer1000Deliveries", (rabbitMs < 0 || postgresMs < 0) ? NOT_AVAILABLE
					: per1000(instancesMs + rabbitMs + postgresMs, delivered));
	}

	/**
	 * Add the connections RabbitMQ holds now, those of the instances, and the instances'
	 * peak during the run.
	 */
	void putConnections(Report report) {
		report.put("instanceRabbitConnections", figure(this.connections.ofInstances()))
			.put("instanceRabbitConnectionsPeak", figure(this.connections.peak()))
			.put("rabbitConnections", figure(this.connections.held()));
	}

	private static List<ProcessTable.Entry> rabbit(ProcessTable table) {
		return table.roots((entry) -> entry.name().equals("beam.smp") && isRabbitServer(entry.commandLine()));
	}

	/** RabbitMQ's node, not one of its command line tools (an Erlang escript). */
	private static boolean isRabbitServer(String commandLine) {
		return commandLine.contains("rabbit") && !commandLine.contains("escript");
	}

	private static List<ProcessTable.Entry> postgres(ProcessTable table) {
		return table.roots((entry) -> entry.name().equals("postgres"));
	}

	private static long cpuMillis(ProcessTable table, List<ProcessTable.Entry> roots) {
		return roots.isEmpty() ? -1 : table.treeCpuMillis(roots);
	}

	private static long since(long before, long after) {
		return (before < 0 || after < 0) ? -1 : after - before;
	}

	private static Object figure(long value) {
		return (value < 0) ? NOT_AVAILABLE : value;
	}

	/** Milliseconds per 1,000 deliveries, to two decimals, as the instances' figure. */
	private static Object per1000(long millis, long delivered) {
		return (millis < 0) ? NOT_AVAILABLE : Math.round(millis * 1000.0 / Math.max(1, delivered) * 100) / 100.0;
	}

	@Override
	public void close() {
		this.connections.close();
	}

}
