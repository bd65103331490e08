package dev.ledgerbridge.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.qbwc.QbwcService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CompanyFileTest {

    @Test
    void theSameSeedMakesTheSameRecordsUnderTheSameIdsOnAnyDay() {
        // given
        Instant monday = Instant.parse("2026-03-02T09:00:00Z");
        Clock early = Clock.fixed(monday, ZoneOffset.UTC);
        Clock later = Clock.fixed(monday.plus(Duration.ofDays(17)).plusSeconds(123), ZoneOffset.UTC);

        // when
        SimulatedQuickBooks first = CompanyFile.generate(50, 120, 9, early);
        SimulatedQuickBooks again = CompanyFile.generate(50, 120, 9, later);
        SimulatedQuickBooks other = CompanyFile.generate(50, 120, 10, early);

        // then
        assertThat(again.customerIds()).isEqualTo(first.customerIds());
        assertThat(again.invoiceIds()).isEqualTo(first.invoiceIds());
        assertThat(again.customers().stream().map(QbCustomer::fullName).toList())
                .isEqualTo(first.customers().stream().map(QbCustomer::fullName).toList());
        assertThat(again.invoices().stream().map(QbInvoice::balanceRemaining).toList())
                .isEqualTo(first.invoices().stream().map(QbInvoice::balanceRemaining).toList());
        assertThat(other.customers().stream().map(QbCustomer::fullName).toList())
                .isNotEqualTo(first.customers().stream().map(QbCustomer::fullName).toList());
        assertThat(again.now()).isEqualTo(later.instant());
        assertThat(first.invoices()).allMatch(i -> i.timeModified().isBefore(monday));
    }

    @Test
    void presentsTheSimulatedFileUnderLedgerbridgesOwnerId() {
        // when
        SimulatedQuickBooks qb = CompanyFile.generate(3, 0, 1, Clock.systemUTC());

        // then
        assertThat(CompanyFile.OWNER_ID).isEqualTo(QbwcService.OWNER_ID);
        assertThat(qb.hcpResponse()).contains("<CompanyName>" + CompanyFile.NAME + "</CompanyName>",
                "<OwnerID>" + CompanyFile.OWNER_ID + "</OwnerID>", "<DataExtName>FileID</DataExtName>",
                "<DataExtValue>" + CompanyFile.FILE_ID + "</DataExtValue>");
    }

    @Test
    void aCompanyOfOneCustomerIsInvoicedWhateverTheSeed() {
        for (long seed = 0; seed < 40; seed++) {
            // when
            SimulatedQuickBooks qb = CompanyFile.generate(1, 2, seed, Clock.systemUTC());

            // then
            assertThat(qb.invoiceIds()).as("seed %d", seed).hasSize(2);
        }
    }
}
