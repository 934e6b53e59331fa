package gov.tawasul.staff.account;

import gov.tawasul.staff.console.ConsolePage;
import gov.tawasul.staff.console.ConsoleUser;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;

/** What the account and audit pages need to render inside the console's layout. */
public final class StaffPages {

    private StaffPages() {
    }

    /**
     * @param identity the signed-in member
     * @param section  the navigation section ({@code users}, {@code audit}, …)
     * @return the layout's data: who is signed in, their language and direction
     */
    public static ConsolePage page(SecurityIdentity identity, String section) {
        StaffMember member = StaffIdentity.member(identity).orElseThrow(
                () -> new IllegalStateException("not a staff identity: " + identity.getPrincipal()));
        ConsoleUser me = new ConsoleUser(member.username(), member.displayName(), member.has(StaffRole.SUPERVISOR),
                member.has(StaffRole.ADMIN), member.locale());
        return new ConsolePage(me, member.locale(), section);
    }

    /** @return the account messages in {@code lang} ({@code ar} or {@code en}) */
    public static AccountMessages messages(String lang) {
        return "en".equals(lang) ? MessageBundles.get(AccountMessages.class, Localized.Literal.of("en"))
                : MessageBundles.get(AccountMessages.class);
    }

    /** @return the name of {@code role} in the language of {@code messages} */
    public static String roleLabel(StaffRole role, AccountMessages messages) {
        return switch (role) {
            case AGENT -> messages.roleAGENT();
            case SUPERVISOR -> messages.roleSUPERVISOR();
            case ADMIN -> messages.roleADMIN();
        };
    }
}
