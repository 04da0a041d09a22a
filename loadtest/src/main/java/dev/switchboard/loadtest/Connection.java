package dev.switchboard.loadtest;

/**
 * A client connection the load tool opened, over STOMP or Socket.IO, closed at the end of
 * a run.
 */
sealed interface Connection extends AutoCloseable permits StompConnection, SocketIoConnection {

	@Override
	void close();

}
