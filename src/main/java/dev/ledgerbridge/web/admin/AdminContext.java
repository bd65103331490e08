package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.auth.StaffSessions;
import dev.ledgerbridge.autopay.AutoProcessing;
import dev.ledgerbridge.autopay.InstallmentPlans;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.web.ApiContext;

/**
 * What the admin pages read and write through: the API's services plus staff sessions and the configuration, auto
 * processing and installment plans.
 */
public record AdminContext(Config config, ApiContext services, StaffSessions sessions, AutoProcessing auto,
                           InstallmentPlans plans) {
}
