package dev.ledgerbridge.qbwc;

import dev.ledgerbridge.qbwc.generated.ArrayOfString;
import dev.ledgerbridge.qbwc.generated.QBWebConnectorSvcSoap;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.util.List;
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

    @Resource
    private WebServiceContext context;

    public QbwcEndpoint(QbwcService service) {
        this.service = service;
    }

    @Override
    public String serverVersion() {
        return guard("serverVersion", service::serverVersion, "Ledgerbridge");
    }

    @Override
    public String clientVersion(String strVersion) {
        return guard("clientVersion", () -> service.clientVersion(strVersion), "");
    }

    @Override
    public ArrayOfString authenticate(String strUserName, String strPassword) {
        List<String> slots = guard("authenticate", () -> service.authenticate(strUserName, strPassword, remote()),
                List.of("", QbwcService.NVU, "", ""));
        ArrayOfString result = new ArrayOfString();
        result.getString().addAll(slots);
        return result;
    }

    @Override
    public String sendRequestXML(String ticket, String strHCPResponse, String strCompanyFileName, String qbXMLCountry,
                                 int qbXMLMajorVers, int qbXMLMinorVers) {
        return guard("sendRequestXML", () -> service.sendRequestXml(ticket, strHCPResponse, strCompanyFileName,
                qbXMLCountry, qbXMLMajorVers, qbXMLMinorVers), "");
    }

    @Override
    public int receiveResponseXML(String ticket, String response, String hresult, String message) {
        return guard("receiveResponseXML", () -> service.receiveResponseXml(ticket, response, hresult, message), -1);
    }

    @Override
    public String connectionError(String ticket, String hresult, String message) {
        return guard("connectionError", () -> service.connectionError(ticket, hresult, message), QbwcService.DONE);
    }

    @Override
    public String getLastError(String ticket) {
        return guard("getLastError", () -> service.getLastError(ticket),
                "Ledgerbridge had an internal error; see its log. The next run tries again.");
    }

    @Override
    public String closeConnection(String ticket) {
        return guard("closeConnection", () -> service.closeConnection(ticket), "OK");
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

    private static <T> T guard(String operation, Supplier<T> call, T fallback) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            log.error("{} failed; answered in protocol terms", operation, e);
            return fallback;
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
