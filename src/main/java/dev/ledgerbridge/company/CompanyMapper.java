package dev.ledgerbridge.company;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface CompanyMapper {
    Company find(@Param("id") long id);

    Company findByName(@Param("name") String name);

    List<Company> list();

    void insert(@Param("row") NewCompany row);

    void bindFile(@Param("id") long id, @Param("fileId") String fileId, @Param("fileName") String fileName,
                  @Param("filePath") String filePath, @Param("now") Instant now);

    void recordContact(@Param("id") long id, @Param("now") Instant now);

    void recordHost(@Param("id") long id, @Param("product") String product, @Param("country") String country,
                    @Param("qbxmlVersion") String qbxmlVersion, @Param("filePath") String filePath);

    void recordSuccess(@Param("id") long id, @Param("now") Instant now);

    /**
     * What the file's preferences said on the latest run: multicurrency on, and the home currency's name. Once on it
     * stays on (QuickBooks cannot turn it off), so preferences missing from a garbled response change nothing.
     */
    void recordCurrencyPreferences(@Param("id") long id, @Param("multicurrency") boolean multicurrency,
                                   @Param("homeCurrencyName") String homeCurrencyName);

    boolean multicurrency(@Param("id") long id);

    /** The ISO code of the home currency of a multicurrency file, once its currency list is read; else null. */
    String homeCurrencyCode(@Param("id") long id);

    void upsertCurrency(@Param("companyId") long companyId, @Param("c") CurrencyRecord c, @Param("now") Instant now);

    List<CurrencyRecord> currencies(@Param("companyId") long companyId);

    /** Sets the ISO code of every stored customer, invoice and payment from its currency's name; rows changed. */
    int resolveCustomerCurrencies(@Param("companyId") long companyId);

    int resolveInvoiceCurrencies(@Param("companyId") long companyId);

    int resolvePaymentCurrencies(@Param("companyId") long companyId);

    /** The currencies the company's customers are in (null for a customer naming none), each once. */
    List<String> customerCurrencies(@Param("companyId") long companyId);

    QbwcLogin findLogin(@Param("username") String username);

    QbwcLogin findLoginById(@Param("id") long id);

    List<QbwcLogin> listLogins();

    void insertLogin(@Param("username") String username, @Param("companyId") long companyId,
                     @Param("passwordHash") String passwordHash, @Param("fileId") String fileId,
                     @Param("now") Instant now);

    int setLoginPassword(@Param("id") long id, @Param("passwordHash") String passwordHash);

    int setLoginEnabled(@Param("id") long id, @Param("enabled") boolean enabled);

    /** Insert holder for a new company (MyBatis fills {@code id}). */
    final class NewCompany {
        public Long id;
        public String name;
        public Instant createdAt;

        public NewCompany(String name, Instant createdAt) {
            this.name = name;
            this.createdAt = createdAt;
        }
    }
}
