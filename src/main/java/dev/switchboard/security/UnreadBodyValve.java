package dev.switchboard.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Has Tomcat close the connection, instead of reading the rest of the request body, after
 * an error response to a request whose body was not read (a refused slow body, a bad
 * bearer token on a POST). Tomcat would otherwise read ("swallow") up to 2 MB on a
 * worker, at the client's pace, before the connection could be closed or reused; it skips
 * that by itself only for some statuses and only while the connection would have been
 * kept alive.
 */
class UnreadBodyValve extends ValveBase {

	UnreadBodyValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
		if (response.getStatus() >= 400 && hasUnreadBody(request)) {
			request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
		}
	}

	private static boolean hasUnreadBody(Request request) {
		org.apache.coyote.Request coyote = request.getCoyoteRequest();
		long length = coyote.getContentLengthLong();
		return (length > 0 && coyote.getBytesRead() < length) || request.getHeader("Transfer-Encoding") != null;
	}

}
