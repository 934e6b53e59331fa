package gov.tawasul.staff.identity;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Words of the identity-links control of the transcript panel, Arabic by default ({@code messages/idl_ar.properties})
 * and English ({@code messages/idl_en.properties}); templates read them as {@code {idl:key}}.
 */
@MessageBundle(value = "idl", locale = "ar")
public interface IdentityMessages {

    /** @return the section's heading */
    @Message String title();

    /** @return one live link: the case and until when */
    @Message String linkedUntil(String caseNumber, String until);

    /** @return the reason field's placeholder */
    @Message String reason();

    /** @return the revoke button */
    @Message String revoke();

    /** @return the answer to a revocation without a reason */
    @Message String reasonRequired();
}
