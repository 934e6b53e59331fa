package gov.tawasul.staff.reports;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Words of the reports page, Arabic by default ({@code messages/rep_ar.properties}) and English
 * ({@code messages/rep_en.properties}); templates read them as {@code {rep:key}}. Separate from the console's
 * bundle ({@code m}) so that the files of different features never clash.
 */
@MessageBundle(value = "rep", locale = "ar")
public interface ReportMessages {

    @Message String title();
    @Message String intro();
    @Message String from();
    @Message String to();
    @Message String channel();
    @Message String allChannels();
    @Message String show();
    @Message String exportCsv();
    @Message String exportConversations();
    @Message String traffic();
    @Message String bucket();
    @Message String inbound();
    @Message String outbound();
    @Message String channels();
    @Message String started();
    @Message String citizens();
    @Message String optOuts();
    @Message String bot();
    @Message String answeredByBot();
    @Message String handedToPerson();
    @Message String answerTimeP50();
    @Message String answerTimeP95();
    @Message String delivery();
    @Message String finalCount();
    @Message String delivered();
    @Message String successRate();
    @Message String stuck();
    @Message String errors();
    @Message String code();
    @Message String meaning();
    @Message String count();
    @Message String handoffs();
    @Message String requests();
    @Message String answered();
    @Message String waitingNow();
    @Message String oldestWait();
    @Message String firstResponseP50();
    @Message String firstResponseP90();
    @Message String resolutionP50();
    @Message String resolutionP90();
    @Message String sla(long minutes);
    @Message String breaches();
    @Message String agents();
    @Message String agent();
    @Message String cases();
    @Message String queries();
    @Message String notFound();
    @Message String unavailable();
    @Message String notFoundRate();
    @Message String departments();
    @Message String department();
    @Message String statuses();
    @Message String status();
    @Message String none();
    @Message String seconds();
    @Message String minutes();
    @Message String officeTimeNote();
}
