package gov.tawasul.cases.rest;

import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.LocalizedText;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a {@link CaseApiCase} to the engine's {@link CaseRecord}. Contacts on channels the bot does not know (e.g.
 * {@code telegram}) or without an address are skipped.
 */
public final class CaseApiMapper {

    private static final Logger LOG = Logger.getLogger(CaseApiMapper.class);

    private CaseApiMapper() {
    }

    /**
     * @param requested the case number asked for; used when the body has none
     * @throws InvalidCaseBodyException when status, statusLabel or updatedAt is missing, updatedAt is not an
     *                                  ISO-8601 date-time with offset, or a string holds a NUL character
     */
    public static CaseRecord toRecord(CaseApiCase body, String requested) {
        if (body == null) {
            throw new InvalidCaseBodyException("empty body");
        }
        refuseNul(body);
        if (isBlank(body.status())) {
            throw new InvalidCaseBodyException("status missing");
        }
        LocalizedText label = text(body.statusLabel());
        if (label == null) {
            throw new InvalidCaseBodyException("statusLabel missing");
        }
        if (isBlank(body.updatedAt())) {
            throw new InvalidCaseBodyException("updatedAt missing");
        }
        OffsetDateTime updatedAt;
        try {
            updatedAt = OffsetDateTime.parse(body.updatedAt().strip());
        } catch (DateTimeParseException e) {
            throw new InvalidCaseBodyException("updatedAt '" + body.updatedAt() + "' is not a date-time with offset");
        }
        String number = isBlank(body.caseNumber()) ? requested : body.caseNumber().strip();
        return new CaseRecord(number, body.status().strip(), label, text(body.department()), text(body.nextStep()),
                updatedAt, contacts(body.contacts(), number));
    }

    private static List<CaseContact> contacts(List<CaseApiCase.Contact> contacts, String number) {
        List<CaseContact> result = new ArrayList<>();
        if (contacts == null) {
            return result;
        }
        for (CaseApiCase.Contact c : contacts) {
            if (c == null || isBlank(c.channel()) || isBlank(c.address())) {
                continue;
            }
            try {
                result.add(new CaseContact(Channel.fromWireName(c.channel()), c.address().strip()));
            } catch (IllegalArgumentException unknownChannel) {
                LOG.debugf("case %s: contact on unknown channel '%s' skipped", number, c.channel());
            }
        }
        return result;
    }

    private static LocalizedText text(CaseApiCase.Text text) {
        if (text == null || (isBlank(text.ar()) && isBlank(text.en()))) {
            return null;
        }
        return new LocalizedText(isBlank(text.ar()) ? null : text.ar(), isBlank(text.en()) ? null : text.en());
    }

    /**
     * PostgreSQL cannot store a NUL character in text: a body holding one (in any of its strings) is invalid, as a
     * missing field is (a case event: 422; a case API answer: the case system's error), not a 500 at the insert.
     */
    private static void refuseNul(CaseApiCase body) {
        nul("caseNumber", body.caseNumber());
        nul("status", body.status());
        nul("updatedAt", body.updatedAt());
        nul("statusLabel", body.statusLabel());
        nul("department", body.department());
        nul("nextStep", body.nextStep());
        if (body.contacts() != null) {
            for (CaseApiCase.Contact c : body.contacts()) {
                if (c != null) {
                    nul("contacts.channel", c.channel());
                    nul("contacts.address", c.address());
                }
            }
        }
    }

    private static void nul(String field, CaseApiCase.Text text) {
        if (text != null) {
            nul(field + ".ar", text.ar());
            nul(field + ".en", text.en());
        }
    }

    private static void nul(String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new InvalidCaseBodyException(field + " contains a NUL character");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The case API answered 200 with a body that lacks required fields. */
    public static class InvalidCaseBodyException extends RuntimeException {
        /** @param message what is wrong with the body */
        public InvalidCaseBodyException(String message) {
            super(message);
        }
    }
}
