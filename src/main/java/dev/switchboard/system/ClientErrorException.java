package dev.switchboard.system;

/**
 * A request the client got wrong: reported to that client with a stable error code and
 * never logged as a server failure.
 */
public class ClientErrorException extends RuntimeException {

	private final String code;

	public ClientErrorException(String code, String message) {
		super(message);
		this.code = code;
	}

	/**
	 * Return the machine-readable error code, for example {@code invalid-room}.
	 */
	public String getCode() {
		return this.code;
	}

	public static ClientErrorException badRequest(String message) {
		return new ClientErrorException("bad-request", message);
	}

	public static ClientErrorException forbidden(String message) {
		return new ClientErrorException("forbidden", message);
	}

	public static ClientErrorException notFound(String code, String message) {
		return new ClientErrorException(code, message);
	}

}
