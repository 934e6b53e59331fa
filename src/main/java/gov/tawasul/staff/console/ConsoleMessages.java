package gov.tawasul.staff.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The staff console's words, Arabic by default ({@code messages/m_ar.properties}) and English
 * ({@code messages/m_en.properties}); templates read them as {@code {m:key}}, the locale being the template
 * instance's ({@code ConsolePage}). Qute checks at build time that every key used exists in both files.
 */
@MessageBundle(value = "m", locale = "ar")
public interface ConsoleMessages {

    @Message String product();
    @Message String skipToContent();
    @Message String navConversations();
    @Message String navCanned();
    @Message String navAudit();
    @Message String navUsers();
    @Message String logout();
    @Message String otherLanguage();
    @Message String signedInAs(String name);
    @Message String liveConnected();
    @Message String liveReconnecting();

    @Message String conversations();
    @Message String filterChannel();
    @Message String filterState();
    @Message String filterDepartment();
    @Message String filterAny();
    @Message String filterFailed();
    @Message String filterOptedOut();
    @Message String filterMine();
    @Message String filterUnassigned();
    @Message String search();
    @Message String searchPlaceholder();
    @Message String apply();
    @Message String noConversations();
    @Message String olderConversations();
    @Message String colChannel();
    @Message String colCitizen();
    @Message String colLastMessage();
    @Message String colCases();
    @Message String colState();
    @Message String colActivity();
    @Message String badgeFailed();
    @Message String badgeOptedOut();
    @Message String waitingFor(String duration);
    @Message String heldBy(String agent);
    @Message String selectConversation();

    @Message String channelSMS();
    @Message String channelWHATSAPP();
    @Message String channelFACEBOOK();
    @Message String channelTWITTER();
    @Message String channelEMAIL();
    @Message String channelWEBCHAT();

    @Message String stateBOT();
    @Message String stateWAITING_FOR_AGENT();
    @Message String stateWITH_AGENT();
    @Message String stateCLOSED();

    @Message String transcript();
    @Message String citizen();
    @Message String bot();
    @Message String system();
    @Message String notification();
    @Message String staffFromPage();
    @Message String caseNumbers();
    @Message String departments();
    @Message String takeOver();
    @Message String reassignToMe();
    @Message String handBack();
    @Message String close();
    @Message String reply();
    @Message String replyPlaceholder();
    @Message String send();
    @Message String cannedReplies();
    @Message String insert();
    @Message String takeOverToReply();
    @Message String heldByOther(String agent);
    @Message String heldByOtherSupervisor(String agent);
    @Message String optedOutNoSend();
    @Message String closedReopen();

    @Message String statusQUEUED();
    @Message String statusSENDING();
    @Message String statusSENT();
    @Message String statusDELIVERED();
    @Message String statusREAD();
    @Message String statusUNDELIVERED();
    @Message String statusFAILED();
    @Message String errorCode(String code);

    @Message String segments(int count, String encoding, int units);
    @Message String characters(int units, int limit);
    @Message String sent();
    @Message String refusedOPTED_OUT();
    @Message String refusedHELD_BY_PERSON();
    @Message String refusedOUTSIDE_WINDOW();
    @Message String refusedCHANNEL_RULE();
    @Message String tooLong(int limit);
    @Message String emptyText();

    @Message String cannedTitle();
    @Message String cannedTitleField();
    @Message String cannedText();
    @Message String cannedLocale();
    @Message String cannedAdd();
    @Message String cannedDelete();
    @Message String cannedNone();
    @Message String cannedDuplicate();
    @Message String cannedInvalid();
    @Message String languageAr();
    @Message String languageEn();

    // --- reports ---
    @Message String navReports();
    @Message String slaSoon(long left);
    @Message String slaBreached();
    // --- ops: citizens' data rights (staff.privacy) ---
    @Message String navCitizenData();
    @Message String citizenTitle();
    @Message String citizenIntro();
    @Message String citizenChannel();
    @Message String citizenAddress();
    @Message String citizenExportHtml();
    @Message String citizenExportJson();
    @Message String citizenEraseTitle();
    @Message String citizenEraseIntro();
    @Message String citizenEraseConfirm();
    @Message String citizenErase();
    @Message String citizenErased();
    @Message String citizenNeedsConfirm();
    @Message String citizenInvalid();
    @Message String citizenExportTitle();
    @Message String citizenNothing();
    @Message String citizenConversation();
    @Message String citizenOurAddress();
    @Message String citizenState();
    @Message String citizenMessages();
    @Message String citizenIn();
    @Message String citizenOut();
    @Message String citizenOptOuts();
    @Message String citizenFollows();
    @Message String citizenNotifications();
    @Message String citizenTime();
    @Message String citizenText();
    @Message String citizenStatus();
    @Message String citizenCase();
    @Message String citizenExportedAt();

    // labels of stored values on the citizen-data page (staff.privacy.CitizenLabels.labelKey)
    @Message String inRECEIVED();
    @Message String inANSWERED();
    @Message String inIGNORED();
    @Message String inHANDED_OFF();
    @Message String inFAILED();
    @Message String originBOT();
    @Message String originAGENT();
    @Message String originNOTIFICATION();
    @Message String originSYSTEM();
    @Message String followASKER();
    @Message String followREGISTERED();
    @Message String notifPENDING();
    @Message String notifSENDING();
    @Message String notifSENT();
    @Message String notifSUPERSEDED();
    @Message String notifFELL_BACK();
    @Message String notifREFUSED();
    @Message String notifSKIPPED();
    @Message String optOutKEYWORD();
    @Message String erasedinbound();
    @Message String erasedoutbound();
    @Message String erasedoptOuts();
    @Message String erasedfollowers();
    @Message String erasednotifications();
    @Message String erasedcaseEvents();
    @Message String erasedidentityLinks();
    @Message String erasedconversations();
    @Message String refusedCHANNEL_OFF();
}
