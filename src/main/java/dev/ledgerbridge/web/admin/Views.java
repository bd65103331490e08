package dev.ledgerbridge.web.admin;

import java.io.Writer;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.implement.EscapeHtmlReference;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * The admin pages' Velocity engine (not the qbXML one): templates under admin/ on the classpath, cached; every
 * reference printed is HTML-escaped; strict references, so a misspelt {@code $name} fails instead of printing
 * itself. Pages are written into admin/layout.vm, which parses the page's own template.
 */
final class Views {
    static final String FOLDER = "admin/";
    private final VelocityEngine engine;

    // EscapeHtmlReference is deprecated in Velocity 2 because it escapes every reference; that is exactly what the
    // pages need: no value they print is ever markup.
    @SuppressWarnings("deprecation")
    Views() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        p.setProperty(RuntimeConstants.RESOURCE_LOADER + ".classpath." + RuntimeConstants.RESOURCE_LOADER_CLASS,
                ClasspathResourceLoader.class.getName());
        p.setProperty(RuntimeConstants.RESOURCE_LOADER + ".classpath." + RuntimeConstants.RESOURCE_LOADER_CACHE, "true");
        p.setProperty(RuntimeConstants.RESOURCE_LOADER + ".classpath."
                + RuntimeConstants.RESOURCE_LOADER_CHECK_INTERVAL, "0");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.EVENTHANDLER_REFERENCEINSERTION, EscapeHtmlReference.class.getName());
        p.setProperty(RuntimeConstants.VM_LIBRARY, FOLDER + "macros.vm");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        engine = new VelocityEngine(p);
        engine.init();
    }

    /** Renders the page template {@code view} (e.g. "customers.vm") inside the layout. */
    void render(String view, Map<String, Object> model, Writer out) {
        VelocityContext ctx = new VelocityContext(model);
        ctx.put("view", FOLDER + view);
        Template layout = engine.getTemplate(FOLDER + "layout.vm", "UTF-8");
        layout.merge(ctx, out);
    }
}
