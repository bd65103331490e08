package dev.ledgerbridge.simulate;

import java.util.List;

/** A group item on an invoice (InvoiceLineGroupRet) with its lines. */
public record GroupSpec(String itemGroup, String desc, boolean printItemsInGroup, List<LineSpec> lines)
        implements InvoiceLineSpec {

    public GroupSpec {
        lines = List.copyOf(lines);
    }

    public static GroupSpec of(String itemGroup, String desc, LineSpec... lines) {
        return new GroupSpec(itemGroup, desc, true, List.of(lines));
    }

    public GroupSpec printItemsInGroup(boolean value) {
        return new GroupSpec(itemGroup, desc, value, lines);
    }
}
