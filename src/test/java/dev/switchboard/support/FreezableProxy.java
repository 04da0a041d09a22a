package dev.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between a browser and the server that can stop forwarding without closing
 * anything, as a frozen server (SIGSTOP) or a dead link looks to both ends: connections
 * stay open, new ones are accepted, and not a byte passes until {@link #thaw()}.
 */
public final class FreezableProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int target;

	private final Object lock = new Object();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private boolean frozen;

	private FreezableProxy(int target) throws IOException {
		this.target = target;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Listen on a free port of the loopback address and forward to the target port.
	 */
	public static FreezableProxy to(int target) throws IOException {
		return new FreezableProxy(target);
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Stop forwarding: bytes are held, nothing is closed.
	 */
	public void freeze() {
		synchronized (this.lock) {
			this.frozen = true;
		}
	}

	/**
	 * Forward again, held bytes first.
	 */
	public void thaw() {
		synchronized (this.lock) {
			this.frozen = false;
			this.lock.notifyAll();
		}
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.target);
				this.sockets.add(client);
				this.sockets.add(server);
				pipe(client, server);
				pipe(server, client);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int n; (n = in.read(buffer)) >= 0;) {
					awaitThawed();
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				// Not even the end of a connection passes while frozen.
				awaitThawed();
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private void awaitThawed() {
		synchronized (this.lock) {
			while (this.frozen) {
				try {
					this.lock.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	@Override
	public void close() throws IOException {
		thaw();
		this.listener.close();
		this.sockets.forEach(FreezableProxy::closeQuietly);
	}

}
