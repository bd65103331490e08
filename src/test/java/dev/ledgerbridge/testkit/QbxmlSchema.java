package dev.ledgerbridge.testkit;

import dev.ledgerbridge.simulate.Xml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The qbXML 13.0 schema set from the shared folder. It is looked up at
 * {@code ${ledgerbridge.shared.dir}/qbxml-schema/qbxmlops130.xsd}, then at {@code ../shared/qbxml-schema/qbxmlops130.xsd}
 * relative to the working directory; {@link #find()} is empty when neither exists.
 */
public final class QbxmlSchema {

    public static final String SHARED_DIR_PROPERTY = "ledgerbridge.shared.dir";
    private static final Map<Path, Schema> CACHE = new ConcurrentHashMap<>();

    private final Path file;
    private final Schema schema;

    private QbxmlSchema(Path file, Schema schema) {
        this.file = file;
        this.schema = schema;
    }

    /** Where qbxmlops130.xsd is, if it is anywhere this kit looks. */
    public static Optional<Path> locate() {
        String dir = System.getProperty(SHARED_DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir, "qbxml-schema", "qbxmlops130.xsd");
            if (Files.isRegularFile(p)) {
                return Optional.of(p.toAbsolutePath().normalize());
            }
        }
        Path p = Path.of("..", "shared", "qbxml-schema", "qbxmlops130.xsd");
        return Files.isRegularFile(p) ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
    }

    public static Optional<QbxmlSchema> find() {
        return locate().map(QbxmlSchema::load);
    }

    public static QbxmlSchema load(Path opsXsd) {
        Path key = opsXsd.toAbsolutePath().normalize();
        Schema s = CACHE.computeIfAbsent(key, k -> {
            try {
                SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
                return f.newSchema(k.toFile());
            } catch (SAXException e) {
                throw new IllegalStateException("cannot load qbXML schema " + k + ": " + e.getMessage(), e);
            }
        });
        return new QbxmlSchema(key, s);
    }

    public Path file() {
        return file;
    }

    /** Every schema violation in the document (empty when it is valid); a document that is not XML gives one entry. */
    public List<String> errors(String xml) {
        try {
            return errors(Xml.parse(xml));
        } catch (SAXException e) {
            return List.of("not well-formed: " + e.getMessage());
        }
    }

    List<String> errors(Document doc) {
        List<String> errors = new ArrayList<>();
        Validator v = schema.newValidator();
        try {
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // not a violation
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getMessage());
            }
        });
        try {
            v.validate(new DOMSource(doc));
        } catch (SAXException | java.io.IOException e) {
            errors.add(e.getMessage());
        }
        return errors;
    }
}
