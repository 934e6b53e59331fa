package gov.tawasul.staff.security;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Problem details ({@code application/problem+json}, RFC 9457) written straight to a Vert.x response. */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    /** @return the body {@code {"type":"about:blank","title","status","detail"}} */
    static String body(int status, String title, String detail) {
        return new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).encode();
    }

    /** Ends the response with a problem. */
    static void send(RoutingContext routing, int status, String title, String detail) {
        routing.response().setStatusCode(status).putHeader("Content-Type", PROBLEM_JSON)
                .putHeader("Cache-Control", "no-store").end(body(status, title, detail));
    }

    /** Ends the response with a minimal bilingual HTML page (a console page the member may not open). */
    static void sendPage(RoutingContext routing, int status, String arabic, String english) {
        String html = "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>" + status
                + "</title><link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head><body><main>"
                + "<h1>" + arabic + "</h1><p lang=\"en\" dir=\"ltr\">" + english + "</p>"
                + "<p><a href=\"/console\">/console</a></p></main></body></html>";
        routing.response().setStatusCode(status).putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Cache-Control", "no-store").end(html);
    }
}
