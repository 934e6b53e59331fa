package gov.tawasul.staff.account;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Words of the login page, the users page and the audit page, Arabic by default
 * ({@code messages/acc_ar.properties}) and English ({@code messages/acc_en.properties}); templates read them as
 * {@code {acc:key}} in the template instance's locale. Separate from the console's bundle ({@code m}) so that the
 * two files never clash.
 */
@MessageBundle(value = "acc", locale = "ar")
public interface AccountMessages {

    @Message String loginTitle();
    @Message String loginHeading();
    @Message String loginIntro();
    @Message String username();
    @Message String password();
    @Message String signIn();
    @Message String orSso();
    @Message String signInSso();
    @Message String errorFailed();
    @Message String errorLocked(long minutes);
    @Message String errorSso();
    @Message String signedOut();
    @Message String otherLanguage();
    @Message String otherLanguageCode();

    @Message String usersTitle();
    @Message String newUser();
    @Message String displayName();
    @Message String role();
    @Message String roleAGENT();
    @Message String roleSUPERVISOR();
    @Message String roleADMIN();
    @Message String account();
    @Message String enabled();
    @Message String disabled();
    @Message String language();
    @Message String languageAr();
    @Message String languageEn();
    @Message String initialPassword();
    @Message String newPassword();
    @Message String newPasswordHint();
    @Message String passwordHint(int min);
    @Message String ssoOnly();
    @Message String create();
    @Message String save();
    @Message String created(String username);
    @Message String saved(String username);
    @Message String fixErrors();
    @Message String errUsername();
    @Message String errDisplayName();
    @Message String errRole();
    @Message String errLocale();
    @Message String errPassword(int min);
    @Message String errTaken();
    @Message String errLastAdmin();
    @Message String errNotFound();

    @Message String auditTitle();
    @Message String auditIntro();
    @Message String colTime();
    @Message String colActor();
    @Message String colAction();
    @Message String colTarget();
    @Message String colDetail();
    @Message String colAddress();
    @Message String noEvents();
    @Message String olderEvents();
    @Message String newestEvents();
    @Message String actionLOGIN();
    @Message String actionLOGIN_FAILED();
    @Message String actionLOGIN_LOCKED();
    @Message String actionLOGOUT();
    @Message String actionTRANSCRIPT_VIEWED();
    @Message String actionTAKEOVER();
    @Message String actionREASSIGN();
    @Message String actionREPLY();
    @Message String actionHANDBACK();
    @Message String actionCLOSE();
    @Message String actionUSER_CREATED();
    @Message String actionUSER_CHANGED();
    @Message String actionCANNED_REPLY_CHANGED();
    @Message String actionREPORT_EXPORTED();
    @Message String actionCITIZEN_DATA_EXPORTED();
    @Message String actionCITIZEN_DATA_ERASED();
    @Message String actionRETENTION_APPLIED();
    @Message String actionIDENTITY_LINK_REVOKED();
}
