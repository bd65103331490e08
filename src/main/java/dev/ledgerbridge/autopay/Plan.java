package dev.ledgerbridge.autopay;

import java.math.BigDecimal;
import java.util.List;

/** An installment plan with its installments in date order. */
public record Plan(PlanRow row, List<Installment> installments) {
    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";

    public long id() {
        return row.id();
    }

    public String state() {
        return row.state();
    }

    /** Active or paused: the plan replaces the invoice's due date for auto processing. */
    public boolean live() {
        return ACTIVE.equals(row.state()) || PAUSED.equals(row.state());
    }

    /** What its approved installments collected. */
    public BigDecimal charged() {
        return installments.stream().filter(i -> Installment.CHARGED.equals(i.state())).map(Installment::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** What is left to schedule so the plan adds up to its total. */
    public BigDecimal remaining() {
        return row.total().subtract(charged());
    }

    public List<Installment> scheduled() {
        return installments.stream().filter(Installment::scheduled).toList();
    }

    /** Live, with nothing scheduled and something not collected: staff should reschedule or cancel it. */
    public boolean needsAttention() {
        return live() && scheduled().isEmpty() && remaining().signum() > 0;
    }
}
