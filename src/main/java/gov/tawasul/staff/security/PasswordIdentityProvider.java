package gov.tawasul.staff.security;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.staff.account.StaffAccount;
import gov.tawasul.staff.account.StaffDirectory;
import gov.tawasul.staff.account.StaffIdentity;
import gov.tawasul.staff.account.StaffUsers;
import gov.tawasul.staff.account.Usernames;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Checks a username and password posted to {@code /j_security_check} (Quarkus form authentication) against
 * {@code staff_user}: the bcrypt hash is verified by Elytron ({@link BcryptUtil}) on a worker thread; unknown
 * usernames are checked against a dummy hash so that they take as long as known ones. A locked username
 * ({@link LoginThrottle}) is refused before its password is looked at; every refusal counts towards the lock. Each
 * outcome is recorded in the audit log: {@code LOGIN}, {@code LOGIN_FAILED} (with the reason: {@code locked},
 * {@code unknown-user}, {@code no-password}, {@code wrong-password}, {@code disabled}) and {@code LOGIN_LOCKED}.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** RoutingContext key set when a sign-in was refused because the username is locked. */
    public static final String LOCKED = "tawasul.staff.login-locked";

    private final StaffUsers users;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final EngineContext engine;
    private final DummyHash dummy;
    private final StaffChallenge challenge;

    PasswordIdentityProvider(StaffUsers users, LoginThrottle throttle, AuditLog audit, EngineContext engine,
                             DummyHash dummy, StaffChallenge challenge) {
        this.challenge = challenge;
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
        this.engine = engine;
        this.dummy = dummy;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        String remote = routing == null ? null : AuditLog.remoteAddressOf(routing);
        String username = Usernames.forLogin(request.getUsername());
        String password = new String(request.getPassword().getPassword());
        Executor back = engine.currentContextExecutor();
        return throttle.lockedFor(username).emitOn(back).flatMap(locked -> {
            if (locked.isPresent()) {
                return refused(routing, username, "locked", remote, back);
            }
            return users.find(username).flatMap(account -> engine.blocking(() -> matches(account, password))
                    .flatMap(matches -> {
                        String reason = reason(account, matches);
                        if (reason != null) {
                            return refused(routing, username, reason, remote, back);
                        }
                        return throttle.succeeded(username).emitOn(back).flatMap(allowed -> allowed
                                ? audit.record(username, AuditAction.LOGIN, StaffDirectory.TARGET, username,
                                        Map.of("via", "form"), remote)
                                        .replaceWith(StaffIdentity.of(account.get().member(), "form"))
                                : refused(routing, username, "locked", remote, back));
                    }));
        });
    }

    private boolean matches(Optional<StaffAccount> account, String password) {
        String hash = account.map(StaffAccount::passwordHash).orElse(null);
        boolean matches = BcryptUtil.matches(password, hash == null ? dummy.hash() : hash);
        return hash != null && matches;
    }

    private static String reason(Optional<StaffAccount> account, boolean matches) {
        if (account.isEmpty()) {
            return "unknown-user";
        }
        if (!account.get().member().enabled()) {
            return "disabled";
        }
        if (!account.get().hasPassword()) {
            return "no-password";
        }
        return matches ? null : "wrong-password";
    }

    private Uni<SecurityIdentity> refused(RoutingContext routing, String username, String reason, String remote,
                                          Executor back) {
        Uni<LoginThrottle.Failure> counted = "locked".equals(reason)
                ? Uni.createFrom().item(new LoginThrottle.Failure(0, false))
                : throttle.failed(username).emitOn(back);
        return counted.flatMap(failure -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reason", reason);
            if (failure.failures() > 0) {
                detail.put("failures", failure.failures());
            }
            Uni<Void> recorded = audit.record(username, AuditAction.LOGIN_FAILED, StaffDirectory.TARGET, username,
                    detail, remote);
            if (failure.lockedNow()) {
                recorded = recorded.flatMap(ignored -> audit.record(username, AuditAction.LOGIN_LOCKED,
                        StaffDirectory.TARGET, username, Map.of("failures", failure.failures(),
                                "lockedSeconds", throttle.lockDuration().toSeconds()), remote));
            }
            if (routing != null) {
                challenge.answerFor(routing);
                if (failure.lockedNow() || "locked".equals(reason)) {
                    routing.put(LOCKED, true);
                }
            }
            return recorded.flatMap(ignored -> Uni.createFrom().failure(new AuthenticationFailedException()));
        });
    }
}
