package gov.tawasul.staff.account;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The administrators' page of staff accounts ({@code /console/admin/users}, ADMIN only): one form per account
 * (display name, role, enabled, language, a new password) and a form for a new account. The forms post plainly
 * (answered with a redirect, or the page with its errors) or through htmx ({@code HX-Request}: answered with the
 * {@code accounts} fragment, which replaces the section). Changes go through {@link StaffDirectory}, like the API.
 */
@Path("/console/admin/users")
@RolesAllowed("ADMIN")
@Produces(MediaType.TEXT_HTML)
public class UsersPage {

    @Inject
    @Location("console/admin/users.html")
    Template template;

    @Inject
    StaffDirectory directory;

    @Inject
    PasswordPolicy passwords;

    @Inject
    SecurityIdentity identity;

    /**
     * @param created a username just created (confirmation after a plain form post)
     * @param saved   a username just saved
     * @return the page
     */
    @GET
    public Uni<TemplateInstance> page(@QueryParam("created") String created, @QueryParam("saved") String saved) {
        AccountMessages m = messages();
        String notice = created != null ? m.created(created) : saved != null ? m.saved(saved) : null;
        return view(notice, "ok", emptyDraft(), null, Map.of()).map(this::full);
    }

    /** Creates an account from the new-account form. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(@FormParam("username") String username, @FormParam("displayName") String displayName,
                                @FormParam("role") String role, @FormParam("locale") String locale,
                                @FormParam("password") String password, @HeaderParam("HX-Request") String htmx) {
        NewStaff request = new NewStaff(username, displayName, role, password, locale);
        boolean fragment = "true".equals(htmx);
        return directory.create(me(), request)
                .flatMap(member -> fragment
                        ? view(messages().created(member.username()), "ok", emptyDraft(), null, Map.of())
                                .flatMap(v -> render(v, true, 200))
                        : Uni.createFrom().item(Response.seeOther(UriBuilder.fromPath("/console/admin/users")
                                .queryParam("created", member.username()).build()).build()))
                .onFailure(e -> e instanceof StaffValidationException || e instanceof StaffConflictException)
                .recoverWithUni(e -> {
                    Map<String, String> errors = errors(e);
                    UsersView.Row draft = new UsersView.Row(username, displayName, role, null, true,
                            locale == null ? "ar" : locale, false, errors);
                    return view(messages().fixErrors(), "bad", draft, null, Map.of())
                            .flatMap(v -> render(v, fragment, fragment ? 200 : 422));
                });
    }

    /** Changes an account from its form; an empty password field keeps the password. */
    @POST
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> change(@PathParam("username") String username, @FormParam("displayName") String displayName,
                                @FormParam("role") String role, @FormParam("enabled") String enabled,
                                @FormParam("locale") String locale, @FormParam("password") String password,
                                @HeaderParam("HX-Request") String htmx) {
        Boolean on = enabled == null || enabled.isBlank() ? null : Boolean.valueOf("true".equals(enabled));
        StaffChange change = new StaffChange(displayName, role, on, locale,
                password == null || password.isEmpty() ? null : password);
        boolean fragment = "true".equals(htmx);
        String name = Usernames.normalize(username);
        return directory.change(me(), name, change)
                .flatMap(member -> fragment
                        ? view(messages().saved(member.username()), "ok", emptyDraft(), null, Map.of())
                                .flatMap(v -> render(v, true, 200))
                        : Uni.createFrom().item(Response.seeOther(UriBuilder.fromPath("/console/admin/users")
                                .queryParam("saved", member.username()).build()).build()))
                .onFailure(e -> e instanceof StaffValidationException || e instanceof StaffConflictException
                        || e instanceof NotFoundException)
                .recoverWithUni(e -> view(messages().fixErrors(), "bad", emptyDraft(), name, errors(e))
                        .flatMap(v -> render(v, fragment, fragment ? 200 : e instanceof NotFoundException ? 404 : 422)));
    }

    private Uni<UsersView> view(String notice, String kind, UsersView.Row draft, String failedUser,
                                Map<String, String> failedErrors) {
        AccountMessages m = messages();
        List<UsersView.Option> roles = Arrays.stream(StaffRole.values())
                .map(r -> new UsersView.Option(r.name(), StaffPages.roleLabel(r, m))).toList();
        return directory.list().map(accounts -> new UsersView(StaffPages.page(identity, "users"),
                accounts.stream().map(a -> row(a, m, a.member().username().equals(failedUser) ? failedErrors : Map.of()))
                        .toList(),
                roles, passwords.minLength(), notice, kind, draft));
    }

    private static UsersView.Row row(StaffAccount account, AccountMessages m, Map<String, String> errors) {
        StaffMember member = account.member();
        return new UsersView.Row(member.username(), member.displayName(), member.role().name(),
                StaffPages.roleLabel(member.role(), m), member.enabled(), member.locale(), account.hasPassword(),
                errors);
    }

    private TemplateInstance full(UsersView view) {
        return template.data("view", view).data("page", view.page())
                .setLocale(Locale.forLanguageTag(view.page().lang()));
    }

    private Uni<Response> render(UsersView view, boolean fragment, int status) {
        TemplateInstance instance = fragment
                ? template.getFragment("accounts").data("view", view).setLocale(Locale.forLanguageTag(view.page().lang()))
                : full(view);
        return instance.createUni().map(html -> Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html).build());
    }

    private Map<String, String> errors(Throwable e) {
        AccountMessages m = messages();
        Map<String, String> errors = new LinkedHashMap<>();
        if (e instanceof StaffValidationException invalid) {
            for (StaffValidationException.FieldError f : invalid.errors()) {
                errors.put(f.field(), switch (f.field()) {
                    case "username" -> m.errUsername();
                    case "displayName" -> m.errDisplayName();
                    case "role" -> m.errRole();
                    case "locale" -> m.errLocale();
                    case "password" -> m.errPassword(passwords.minLength());
                    default -> f.message();
                });
            }
        } else if (e instanceof StaffConflictException conflict) {
            if (conflict.kind() == StaffConflictException.Kind.USERNAME_TAKEN) {
                errors.put("username", m.errTaken());
            } else {
                errors.put("form", m.errLastAdmin());
            }
        } else {
            errors.put("form", m.errNotFound());
        }
        return errors;
    }

    private static UsersView.Row emptyDraft() {
        return new UsersView.Row("", "", StaffRole.AGENT.name(), null, true, "ar", false, Map.of());
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    private AccountMessages messages() {
        return StaffPages.messages(StaffIdentity.member(identity).map(StaffMember::locale).orElse("ar"));
    }
}
