package dev.ledgerbridge.simulate;

/** A line to put on an invoice: a {@link LineSpec} or a {@link GroupSpec}. */
public sealed interface InvoiceLineSpec permits LineSpec, GroupSpec {
}
