package dev.ledgerbridge.qbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.ledgerbridge.customer.Address;
import dev.ledgerbridge.customer.Customer;

/** The real responses in ../shared/qbxml-samples (see their SOURCE.md); skipped when that folder is absent. */
class SharedQbxmlSamplesTest {

    @TestFactory
    Stream<DynamicTest> readsEverySampleWithAStatusFirst() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(SharedFolder.samples())) {
            samples = files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
        assertThat(samples).isNotEmpty();
        return samples.stream().map(sample -> DynamicTest.dynamicTest(sample.getFileName().toString(), () -> {
            Recorder r = read(sample.getFileName().toString());
            assertThat(r.events).isNotEmpty();
            assertThat(r.events.get(0)).isInstanceOf(RsStatus.class);
        }));
    }

    @Test
    void sample01ReadsTheCustomer() throws IOException {
        // when
        Recorder r = read("01_CustomerQueryRs_basic.xml");

        // then
        assertThat(r.statuses).singleElement().satisfies(s -> {
            assertThat(s.requestId()).isEqualTo("Q3VzdG9tZXJRdWVyeXwyODk2");
            assertThat(s.statusCode()).isZero();
            assertThat(s.message()).isEqualTo("Status OK");
            assertThat(s.ok()).isTrue();
        });
        Customer c = r.customers.get(0);
        assertThat(r.customers).hasSize(1);
        assertThat(c.listId()).isEqualTo("10006-1211236622");
        assertThat(c.timeCreated()).isEqualTo(OffsetDateTime.parse("2008-05-19T18:37:02-05:00"));
        assertThat(c.timeModified()).isEqualTo(OffsetDateTime.parse("2008-06-10T23:35:56-05:00"));
        assertThat(c.editSequence()).isEqualTo("1213155356");
        assertThat(c.name()).isEqualTo("Keith Palmer");
        assertThat(c.fullName()).isEqualTo("Keith Palmer");
        assertThat(c.active()).isTrue();
        assertThat(c.sublevel()).isZero();
        assertThat(c.firstName()).isEqualTo("Keith");
        assertThat(c.lastName()).isEqualTo("Palmer");
        Address storrs = new Address("134 Stonemill Road", "Suite D", null, null, null, "Storrs", "CT", "06268",
                "USA", null);
        assertThat(c.billAddress()).isEqualTo(storrs);
        assertThat(c.shipAddress()).isEqualTo(storrs);
        assertThat(c.phone()).isEqualTo("(860) 634-1602");
        assertThat(c.fax()).isEqualTo("(860) 429-5182");
        assertThat(c.email()).isEqualTo("keith@uglyslug.com");
        assertThat(c.balance()).isEqualTo(new BigDecimal("250.00"));
        assertThat(c.totalBalance()).isEqualTo(new BigDecimal("250.00"));
        assertThat(c.jobStatus()).isEqualTo("None");
    }

    @Test
    void sample02ReadsTheIteratorPage() throws IOException {
        // when
        Recorder r = read("02_CustomerQueryRs_iterator.xml");

        // then
        RsStatus s = r.statuses.get(0);
        assertThat(s.requestId()).isEqualTo("1");
        assertThat(s.iteratorId()).isEqualTo("{eb05f701-e727-472f-8ade-6753c4f67a46}");
        assertThat(s.iteratorRemainingCount()).isEqualTo(18);
        assertThat(r.customers).extracting(Customer::listId, Customer::name, Customer::editSequence)
                .containsExactly(tuple("110000-1232697602", "10th Customer", "1232697602"));
        assertThat(r.customers.get(0).balance()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void sample03SkipsRetsThisReaderDoesNotKnow() throws IOException {
        // when
        Recorder r = read("03_ReceivePaymentQueryRs_applied.xml");

        // then
        assertThat(r.events).singleElement().isInstanceOfSatisfying(RsStatus.class,
                s -> assertThat(s.element()).isEqualTo("ReceivePaymentQueryRs"));
    }

    @Test
    void sample04KeepsTheBatchInOrderWithEachCustomerAfterItsStatus() throws IOException {
        // when
        Recorder r = read("04_CustomerAddRs_batch_mixed_errors.xml");

        // then
        assertThat(r.events).extracting(e -> e instanceof RsStatus s ? s.requestId() + ":" + s.statusCode()
                        : ((Customer) e).listId())
                .containsExactly("ext-mix-1:0", "8000274C-1785964190", "ext-mix-2:3100", "ext-mix-3:3250",
                        "ext-mix-4:3130", "ext-mix-5:0", "8000274D-1785964190");
        assertThat(r.statuses.get(1).message())
                .isEqualTo("The name \"HG-BATCH-MIX-1785964184-1\" of the list element is already in use.");
        assertThat(r.statuses).extracting(RsStatus::error).containsExactly(false, true, true, true, false);
        assertThat(r.customers).extracting(Customer::companyName).containsExactly("Valid first", "Valid last");
    }

    @Test
    void sample05IsAnErrorThoughItsSeveritySaysInfo() throws IOException {
        // when
        RsStatus s = read("05_ReceivePaymentAddRs_3210_error.xml").statuses.get(0);

        // then
        assertThat(s.statusCode()).isEqualTo(3210);
        assertThat(s.severity()).isEqualTo("Info");
        assertThat(s.error()).isTrue();
        assertThat(s.message()).startsWith("The \"AppliedToTxnAdd payment amount\" field has an invalid value");
    }

    @Test
    void sample06IsObjectNotFound() throws IOException {
        // when
        Recorder r = read("06_CustomerQueryRs_3120_error.xml");

        // then
        assertThat(r.events).hasSize(1);
        RsStatus s = r.statuses.get(0);
        assertThat(s.statusCode()).isEqualTo(3120);
        assertThat(s.error()).isTrue();
        assertThat(s.requestId()).isNull();
        assertThat(s.message()).isEqualTo("Object \"8000001B-1405768916\" specified in the request cannot be found."
                + "  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.");
    }

    @Test
    void sample07IsAWarning() throws IOException {
        // when
        RsStatus s = read("07_CustomerQueryRs_500_warn.xml").statuses.get(0);

        // then
        assertThat(s.statusCode()).isEqualTo(500);
        assertThat(s.severity()).isEqualTo("Warn");
        assertThat(s.warning()).isTrue();
        assertThat(s.ok()).isFalse();
        assertThat(s.error()).isFalse();
        assertThat(s.message()).contains("(\"bleech\")");
    }

    @Test
    void sample08GivesTheHostAndItsVersions() throws IOException {
        // given
        String text = Files.readString(SharedFolder.samples().resolve("08_HostQueryRs_supported_versions.xml"));

        // when
        HcpResponse hcp = HcpParser.parse(text, "{00000000-0000-0000-0000-000000000000}");
        RsStatus status = read("08_HostQueryRs_supported_versions.xml").statuses.get(0);

        // then
        assertThat(status.element()).isEqualTo("HostQueryRs");
        assertThat(status.ok()).isTrue();
        assertThat(hcp.productName()).isEqualTo("QuickBooks Pro 2014");
        assertThat(hcp.majorVersion()).isEqualTo(24);
        assertThat(hcp.country()).isEqualTo("US");
        assertThat(hcp.supportedVersions()).containsExactly("1.0", "1.1", "2.0", "2.1", "3.0", "4.0", "4.1", "5.0",
                "6.0", "7.0", "8.0", "9.0", "10.0", "11.0", "12.0", "13.0");
        assertThat(hcp.companyName()).isNull();
        assertThat(hcp.fileId()).isNull();
        assertThat(hcp.isQbpos()).isFalse();
        assertThat(HcpParser.chooseVersion(hcp.supportedVersions(), 13, 0, "13.0")).isEqualTo("13.0");
    }

    private static Recorder read(String sample) throws IOException {
        try (Reader in = Files.newBufferedReader(SharedFolder.samples().resolve(sample), StandardCharsets.UTF_8)) {
            return Recorder.read(new QbxmlResponseReader(), in);
        }
    }
}
