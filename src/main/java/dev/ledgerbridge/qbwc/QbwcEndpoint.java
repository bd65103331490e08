package dev.ledgerbridge.qbwc;

import dev.ledgerbridge.metrics.Metrics;
import dev.ledgerbridge.qbwc.generated.ArrayOfString;
import dev.ledgerbridge.qbwc.generated.QBWebConnectorSvcSoap;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOAP face of {@link QbwcService}, implementing the interface generated from wsdl/QBWebConnectorSvc.wsdl.
 * No call ever ends in a SOAP fault: an unexpected failure is logged and answered in the protocol's own terms
 * (an empty request, a negative percentage, "done"), because the Web Connector aborts the whole run on a fault.
 */
@WebService(serviceName = "QBWebConnectorSvc", portName = "QBWebConnectorSvcSoap",
        targetNamespace = "http://developer.intuit.com/",
        endpointInterface = "dev.ledgerbridge.qbwc.generated.QBWebConnectorSvcSoap",
        wsdlLocation = "classpath:wsdl/QBWebConnectorSvc.wsdl")
public class QbwcEndpoint implements QBWebConnectorSvcSoap {
    private static final Logger log = LoggerFactory.getLogger(QbwcEndpoint.class);

    private final QbwcService service;
    private final Metrics metrics;

    @Resource
    private WebServiceContext context;

    public QbwcEndpoint(QbwcService service) {
        this(service, Metrics.discarding());
    }

    /** The endpoint, counting every call by operation and outcome into {@code metrics}. */
    public QbwcEndpoint(QbwcService service, Metrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public String serverVersion() {
        return guard("serverVersion", service::serverVersion, "Ledgerbridge", OK);
    }

    @Override
    public String clientVersion(String strVersion) {
        return guard("clientVersion", () -> service.clientVersion(strVersion), "",
                r -> r.isEmpty() ? "ok" : "upgrade");
    }

    @Override
    public ArrayOfString authenticate(String strUserName, String strPassword) {
        List<String> slots = guard("authenticate", () -> service.authenticate(strUserName, strPassword, remote()),
                List.of("", QbwcService.NVU, "", ""), r -> r.get(1).isEmpty() ? "ok" : "refused");
        ArrayOfString result = new ArrayOfString();
        result.getString().addAll(slots);
        return result;
    }

    @Override
    public String sendRequestXML(String ticket, String strHCPResponse, String strCompanyFileName, String qbXMLCountry,
                                 int qbXMLMajorVers, int qbXMLMinorVers) {
        return guard("sendRequestXML", () -> service.sendRequestXml(ticket, strHCPResponse, strCompanyFileName,
                qbXMLCountry, qbXMLMajorVers, qbXMLMinorVers), "", r -> r.isEmpty() ? "nothing" : "request");
    }

    @Override
    public int receiveResponseXML(String ticket, String response, String hresult, String message) {
        return guard("receiveResponseXML", () -> service.receiveResponseXml(ticket, response, hresult, message), -1,
                r -> r < 0 ? "failed" : r >= 100 ? "complete" : "progress");
    }

    @Override
    public String connectionError(String ticket, String hresult, String message) {
        return guard("connectionError", () -> service.connectionError(ticket, hresult, message), QbwcService.DONE, OK);
    }

    @Override
    public String getLastError(String ticket) {
        return guard("getLastError", () -> service.getLastError(ticket),
                "Ledgerbridge had an internal error; see its log. The next run tries again.",
                r -> QbwcService.NOOP.equals(r) ? "noop" : "ok");
    }

    @Override
    public String closeConnection(String ticket) {
        return guard("closeConnection", () -> service.closeConnection(ticket), "OK", OK);
    }

    @Override
    public String getInteractiveURL(String wcTicket, String sessionID) {
        return "";
    }

    @Override
    public String interactiveDone(String wcTicket) {
        return "Done";
    }

    @Override
    public String interactiveRejected(String wcTicket, String reason) {
        return "Ledgerbridge does not use interactive mode.";
    }

    private static final Function<Object, String> OK = r -> "ok";

    /** Runs a call; its outcome (or "error" when it threw) and duration go to the metrics. */
    private <T> T guard(String operation, Supplier<T> call, T fallback, Function<? super T, String> outcome) {
        long started = System.nanoTime();
        String result = "error";
        try {
            T value = call.get();
            result = outcome.apply(value);
            return value;
        } catch (RuntimeException e) {
            log.error("{} failed; answered in protocol terms", operation, e);
            return fallback;
        } finally {
            metrics.call(operation, result, System.nanoTime() - started);
        }
    }

    private String remote() {
        try {
            Object req = context == null ? null : context.getMessageContext().get(MessageContext.SERVLET_REQUEST);
            return req instanceof HttpServletRequest r ? r.getRemoteAddr() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
