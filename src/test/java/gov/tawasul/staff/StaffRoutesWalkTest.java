package gov.tawasul.staff;

import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every JAX-RS route under {@code /console} and {@code /api/staff} — found by reflection, so that routes
 * added later are walked too — and checks who gets in: nobody without a session, no agent into admin or
 * supervision routes, no supervisor into admin routes.
 */
@QuarkusTest
class StaffRoutesWalkTest {

    /** Routes open without a session. */
    static final Set<String> OPEN = Set.of("GET /console/login");

    static List<StaffRoutes.Route> routes;

    @BeforeAll
    static void discover() {
        routes = StaffRoutes.staff();
    }

    @Test
    void theWalkFindsTheKnownRoutes() {
        assertThat(routes).extracting(r -> r.method() + " " + r.template()).contains(
                "GET /console/login", "POST /console/logout", "POST /console/me/locale", "GET /console/admin/users",
                "POST /console/admin/users", "POST /console/admin/users/{username}", "GET /console/supervision/audit",
                "GET /api/staff/users", "POST /api/staff/users", "POST /api/staff/users/{username}");
    }

    @Test
    void everyStaffResourceSitsUnderConsoleOrTheStaffApi() {
        List<StaffRoutes.Route> staffClasses = StaffRoutes.all().stream()
                .filter(r -> r.pkg().startsWith("gov.tawasul.staff")).toList();
        assertThat(staffClasses).isNotEmpty().allSatisfy(r -> assertThat(StaffRoutes.under(r.template(), "/console")
                || StaffRoutes.under(r.template(), "/api/staff")).as(r.toString()).isTrue());
    }

    @Test
    void withoutASessionPagesRedirectToTheLoginAndTheApiAnswers401() {
        List<String> wrong = new ArrayList<>();
        for (StaffRoutes.Route route : routes) {
            if (OPEN.contains(route.method() + " " + route.template())) {
                continue;
            }
            Response response = given().redirects().follow(false).request(route.method(), route.path());
            if (StaffRoutes.under(route.template(), "/api/staff")) {
                if (response.statusCode() != 401 || !"application/problem+json".equals(response.contentType())
                        || response.jsonPath().getInt("status") != 401) {
                    wrong.add(route + " → " + response.statusCode() + " " + response.contentType());
                }
            } else {
                String location = response.getHeader("Location");
                if (response.statusCode() != 302 || location == null || !location.endsWith("/console/login")) {
                    wrong.add(route + " → " + response.statusCode() + " " + location);
                }
            }
        }
        assertThat(wrong).as("routes not closed without a session (of %d walked)", routes.size()).isEmpty();
    }

    @Test
    void theOpenRoutesAreOpen() {
        for (String open : OPEN) {
            String[] parts = open.split(" ");
            given().redirects().follow(false).request(parts[0], parts[1]).then().statusCode(200);
        }
    }

    @Test
    void anAgentGets403OnEveryAdminAndSupervisionRoute() {
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        List<String> wrong = forbiddenWalk(agent, "/console/admin", "/api/staff/users", "/console/supervision");
        assertThat(wrong).isEmpty();
    }

    @Test
    void aSupervisorGets403OnEveryAdminRoute() {
        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        List<String> wrong = forbiddenWalk(supervisor, "/console/admin", "/api/staff/users");
        assertThat(wrong).isEmpty();
    }

    @Test
    void matrixParametersDoNotSlipPastTheRoleRules() {
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        for (String path : List.of("/console/admin;x=1/users", "/console;x=1/admin/users", "/api/staff/users;x=1",
                "/api/staff;x=1/users", "/console/supervision;x=1/audit", "/console//admin/users",
                "/console/./admin/users", "/console/x/../admin/users", "/console/%61dmin/users")) {
            int status = agent.given().get(path).statusCode();
            assertThat(status).as(path).isIn(403, 404, 400);
        }
    }

    private List<String> forbiddenWalk(StaffSession session, String... roots) {
        List<String> wrong = new ArrayList<>();
        int walked = 0;
        for (StaffRoutes.Route route : routes) {
            boolean restricted = false;
            for (String root : roots) {
                restricted |= StaffRoutes.under(route.template(), root);
            }
            if (!restricted) {
                continue;
            }
            walked++;
            Response response = session.given().request(route.method(), route.path());
            boolean api = StaffRoutes.under(route.template(), "/api/staff");
            if (response.statusCode() != 403
                    || (api && !"application/problem+json".equals(response.contentType()))) {
                wrong.add(route + " → " + response.statusCode() + " " + response.contentType());
            }
        }
        assertThat(walked).as("restricted routes walked").isGreaterThanOrEqualTo(3);
        return wrong;
    }
}
