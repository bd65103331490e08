package dev.ledgerbridge.qbxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.invoice.Invoice;

/** A handler that keeps everything it is given, in order. */
final class Recorder implements QbxmlResponseReader.Handler {

    final List<Object> events = new ArrayList<>();
    final List<RsStatus> statuses = new ArrayList<>();
    final List<Customer> customers = new ArrayList<>();
    final List<Invoice> invoices = new ArrayList<>();
    final List<DeletedRecord> deleted = new ArrayList<>();

    @Override
    public void onStatus(RsStatus s) {
        events.add(s);
        statuses.add(s);
    }

    @Override
    public void onCustomer(Customer c) {
        events.add(c);
        customers.add(c);
    }

    @Override
    public void onInvoice(Invoice i) {
        events.add(i);
        invoices.add(i);
    }

    @Override
    public void onDeleted(DeletedRecord d) {
        events.add(d);
        deleted.add(d);
    }

    static Recorder read(QbxmlResponseReader reader, Reader in) {
        Recorder recorder = new Recorder();
        reader.read(in, recorder);
        return recorder;
    }

    static Recorder readText(String xml) {
        return read(new QbxmlResponseReader(), new StringReader(xml));
    }

    static Recorder readResource(String name) {
        return readResource(new QbxmlResponseReader(), name);
    }

    static Recorder readResource(QbxmlResponseReader reader, String name) {
        InputStream in = Recorder.class.getResourceAsStream("responses/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no test resource responses/" + name);
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
