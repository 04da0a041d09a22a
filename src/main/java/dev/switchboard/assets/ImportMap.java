package dev.switchboard.assets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * The import map of every page, the model attribute {@value #MODEL_ATTRIBUTE} that
 * {@code layout.html} renders: each ES module under {@code /js/}, by its plain URL, and
 * each library the modules import by name, mapped to the URL with a hash of the file's
 * content that the resource chain serves. Modules import each other by relative URL
 * ({@code './realtime.js'}), which the resource chain does not rewrite; a browser
 * resolves such an import to the plain URL ({@code /js/realtime.js}) and the map turns it
 * into the hashed one, so that every file a page loads has a URL that changes with its
 * content and may be cached for long.
 */
@ControllerAdvice
class ImportMap {

	/** The model attribute holding the import map's JSON. */
	static final String MODEL_ATTRIBUTE = "importMap";

	/** The modules: every script under {@code /js/} of the static files. */
	private static final String MODULES = "classpath:/static/js/*.js";

	private static final String MODULES_URL = "/js/";

	/** A URL of the content version strategy: the file name ends in its MD5. */
	private static final Pattern HASHED = Pattern.compile(".*-[0-9a-f]{32}\\.[A-Za-z0-9]+");

	private static final Log logger = LogFactory.getLog(ImportMap.class);

	/**
	 * The libraries the modules import by name, and the file each name stands for.
	 * {@code @stomp/stompjs} is a module of ours that re-exports the library's one-file
	 * bundle, which it imports by the second name (its WebJar's ES modules are 19 files).
	 */
	private static final Map<String, String> LIBRARIES = Map.of("@stomp/stompjs", "/js/stompjs.js",
			"@stomp/stompjs/bundles/stomp.umd.min.js", "/webjars/stomp__stompjs/bundles/stomp.umd.min.js", "uplot",
			"/webjars/uplot/dist/uPlot.esm.js");

	private final ResourceUrlProvider urls;

	private final ResourcePatternResolver resources;

	private final JsonMapper jsonMapper;

	private volatile String json;

	ImportMap(ResourceUrlProvider urls, ResourcePatternResolver resources, JsonMapper jsonMapper) {
		this.urls = urls;
		this.resources = resources;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The import map as JSON, for the page's {@code <script type="importmap">}; worked
	 * out at the first request and kept, once every file has its hashed URL.
	 */
	@ModelAttribute(MODEL_ATTRIBUTE)
	String json() {
		String json = this.json;
		if (json == null) {
			Map<String, String> imports = imports();
			json = this.jsonMapper.writeValueAsString(Map.of("imports", imports))
				// Never the end of the script element, whatever a file is called.
				.replace("<", "\\u003c");
			if (imports.values().stream().allMatch(ImportMap::isHashed)) {
				this.json = json;
			}
		}
		return json;
	}

	/**
	 * The map's {@code imports}: specifiers (names and plain URLs) to hashed URLs. A file
	 * the resource chain cannot find keeps its plain URL: so do all in the moment between
	 * the server's start and the chain's, when the resource chain knows no file yet.
	 */
	Map<String, String> imports() {
		Map<String, String> files = new LinkedHashMap<>();
		LIBRARIES.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((library) -> files.put(library.getKey(), library.getValue()));
		for (String module : modules()) {
			files.put(module, module);
		}
		Map<String, String> imports = new LinkedHashMap<>();
		files.forEach((specifier, file) -> imports.put(specifier, hashed(file)));
		return imports;
	}

	private String[] modules() {
		try {
			return Arrays.stream(this.resources.getResources(MODULES))
				.map(Resource::getFilename)
				.sorted(Comparator.naturalOrder())
				.map((name) -> MODULES_URL + name)
				.toArray(String[]::new);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String hashed(String file) {
		String hashed = this.urls.getForLookupPath(file);
		if (hashed == null) {
			if (!this.urls.getHandlerMap().isEmpty()) {
				logger.warn("No static file " + file + " for the import map; pages refer to it by its plain URL");
			}
			return file;
		}
		return hashed;
	}

	private static boolean isHashed(String url) {
		return HASHED.matcher(url).matches();
	}

}
