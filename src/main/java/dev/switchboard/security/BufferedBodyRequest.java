package dev.switchboard.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.MediaType;

/**
 * A request whose body was read whole beforehand: its stream, reader and (for form posts)
 * its parameters come from that copy.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

	private final byte[] body;

	private Map<String, String[]> parameters;

	BufferedBodyRequest(HttpServletRequest request, byte[] body) {
		super(request);
		this.body = body;
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(this.body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				return in.read(b, off, len);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new IllegalStateException("The body was read already");
			}

		};
	}

	@Override
	public BufferedReader getReader() {
		return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
	}

	@Override
	public int getContentLength() {
		return this.body.length;
	}

	@Override
	public long getContentLengthLong() {
		return this.body.length;
	}

	@Override
	public String getParameter(String name) {
		String[] values = getParameterMap().get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public String[] getParameterValues(String name) {
		return getParameterMap().get(name);
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(getParameterMap().keySet());
	}

	@Override
	public synchronized Map<String, String[]> getParameterMap() {
		if (this.parameters == null) {
			// The container's own parameters hold only the query's now: its body was
			// read through the stream.
			Map<String, List<String>> all = new LinkedHashMap<>();
			super.getParameterMap()
				.forEach((name, values) -> all.computeIfAbsent(name, (k) -> new ArrayList<>()).addAll(List.of(values)));
			if (isForm()) {
				parseForm(new String(this.body, StandardCharsets.ISO_8859_1), all);
			}
			Map<String, String[]> result = new LinkedHashMap<>();
			all.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
			this.parameters = Collections.unmodifiableMap(result);
		}
		return this.parameters;
	}

	private boolean isForm() {
		String type = getContentType();
		try {
			return type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private void parseForm(String form, Map<String, List<String>> into) {
		Charset charset = charset();
		for (String pair : form.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			try {
				into.computeIfAbsent(decode(name, charset), (k) -> new ArrayList<>()).add(decode(value, charset));
			}
			catch (IllegalArgumentException ex) {
				// A malformed escape: the pair is left out, as Tomcat does.
			}
		}
	}

	private static String decode(String text, Charset charset) {
		// The form is ASCII: re-read its bytes in the request's character set.
		return URLDecoder.decode(new String(text.getBytes(StandardCharsets.ISO_8859_1), charset), charset);
	}

	private Charset charset() {
		String encoding = getCharacterEncoding();
		try {
			return (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
		}
		catch (RuntimeException ex) {
			return StandardCharsets.UTF_8;
		}
	}

}
