package dev.switchboard.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The processes alive at one moment, read from {@code /proc/<pid>/stat}: each one's name,
 * parent and CPU time, its own (user + system) and that of the children it has reaped
 * ({@code cutime} + {@code cstime}). It measures the services a cluster shares, whose
 * processes come and go (PostgreSQL's backends) and were not started by the tool: the CPU
 * time of a process tree is its live processes' own time plus what each has reaped, so a
 * process that exits between two readings still counts, in its parent's reaped time. The
 * error is at most the time of a process that exits while the table is being read.
 */
final class ProcessTable {

	/** Linux's clock ticks per second for {@code /proc/<pid>/stat} times. */
	private static final int CLOCK_TICKS = 100;

	/** One process: its name ({@code comm}), its parent, and CPU times in clock ticks. */
	record Entry(long pid, String name, long parent, long ownTicks, long reapedTicks) {

		/** Its command line, arguments separated by spaces; empty if it has exited. */
		String commandLine() {
			try {
				byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(this.pid), "cmdline"));
				return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ');
			}
			catch (IOException ex) {
				return "";
			}
		}

	}

	private final Map<Long, Entry> entries;

	private ProcessTable(Map<Long, Entry> entries) {
		this.entries = entries;
	}

	/** Read every process's {@code stat}, skipping those that exit while it is read. */
	static ProcessTable read() {
		Map<Long, Entry> entries = new HashMap<>();
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				Entry entry = entry(process);
				if (entry != null) {
					entries.put(entry.pid(), entry);
				}
			}
		}
		catch (IOException ex) {
			// no /proc: no processes to measure
		}
		return new ProcessTable(entries);
	}

	private static Entry entry(Path process) {
		String stat;
		try {
			stat = Files.readString(process.resolve("stat"));
		}
		catch (IOException ex) {
			return null;
		}
		// The name is in parentheses and may hold spaces; fields after it from state on.
		int close = stat.lastIndexOf(')');
		String name = stat.substring(stat.indexOf('(') + 1, close);
		String[] fields = stat.substring(close + 2).split(" ");
		return new Entry(Long.parseLong(process.getFileName().toString()), name, Long.parseLong(fields[1]),
				Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
				Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
	}

	/**
	 * A service's main processes: those that match and whose parent does not (a
	 * PostgreSQL postmaster, not its backends).
	 */
	List<Entry> roots(Predicate<Entry> matches) {
		List<Entry> roots = new ArrayList<>();
		for (Entry entry : this.entries.values()) {
			Entry parent = this.entries.get(entry.parent());
			if (matches.test(entry) && (parent == null || !matches.test(parent))) {
				roots.add(entry);
			}
		}
		return roots;
	}

	/**
	 * CPU time in milliseconds used so far by the given processes and their live
	 * descendants, each with the time of the children it has reaped.
	 */
	long treeCpuMillis(List<Entry> roots) {
		Map<Long, List<Entry>> children = new HashMap<>();
		for (Entry entry : this.entries.values()) {
			children.computeIfAbsent(entry.parent(), (parent) -> new ArrayList<>()).add(entry);
		}
		long ticks = 0;
		List<Entry> pending = new ArrayList<>(roots);
		while (!pending.isEmpty()) {
			Entry entry = pending.remove(pending.size() - 1);
			ticks += entry.ownTicks() + entry.reapedTicks();
			pending.addAll(children.getOrDefault(entry.pid(), List.of()));
		}
		return ticks * 1000 / CLOCK_TICKS;
	}

}
