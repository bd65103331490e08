package dev.ledgerbridge.web;

/** A request that cannot be answered as asked: the HTTP status, a short code and a message saying what to change. */
public final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public HttpError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, "bad_request", message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, "not_found", message);
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, "forbidden", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
