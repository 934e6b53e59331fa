package gov.tawasul.staff.console;

import gov.tawasul.staff.api.StaffConversationsResource.ListQuery;
import gov.tawasul.staff.canned.CannedReplies;
import gov.tawasul.staff.desk.ConversationDesk;
import gov.tawasul.staff.desk.CurrentStaff;
import gov.tawasul.staff.desk.DeskOutcome;
import gov.tawasul.staff.desk.ReplyPreview;
import gov.tawasul.staff.desk.ReplyPreviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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

import java.time.Instant;

/**
 * The console's conversation screen: the list (filters, live refresh), the transcript beside it and what an agent
 * does there (take over, reply, hand back, close). Full pages for a browser's navigation; fragments for htmx
 * ({@code HX-Request} header). All text comes from {@link ConsoleMessages}, in the staff member's language.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("AGENT")
public class ConsoleResource {

    @Inject
    ConversationDesk desk;
    @Inject
    ReplyPreviewer previewer;
    @Inject
    CurrentStaff staff;
    @Inject
    CannedReplies canned;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance conversations(ConsolePage page, ListView list, TranscriptPanel panel);

        static native TemplateInstance rows(ConsolePage page, ListView list);

        static native TemplateInstance panel(ConsolePage page, TranscriptPanel panel);

        static native TemplateInstance head(ConsolePage page, TranscriptPanel panel);

        static native TemplateInstance messages(ConsolePage page, TranscriptPanel panel);

        static native TemplateInstance replybox(ConsolePage page, TranscriptPanel panel);

        static native TemplateInstance counter(ConsolePage page, ReplyPreview preview);
    }

    /** The list's query parameters. */
    public static class ListParams {
        @QueryParam("channel") String channel;
        @QueryParam("state") String state;
        @QueryParam("department") String department;
        @QueryParam("failed") boolean failed;
        @QueryParam("optedOut") boolean optedOut;
        @QueryParam("mine") boolean mine;
        @QueryParam("unassigned") boolean unassigned;
        @QueryParam("q") String q;
        @QueryParam("before") String before;

        ListView.FilterForm form() {
            return new ListView.FilterForm(blank(channel), blank(state), blank(department), failed, optedOut, mine,
                    unassigned, blank(q));
        }

        private static String blank(String s) {
            return s == null ? "" : s.strip();
        }
    }

    @GET
    public Uni<TemplateInstance> list(@BeanParam ListParams params) {
        return staff.get().chain(me -> listView(me, params, 0).map(list ->
                page(Templates.conversations(page(me), list, null), me)));
    }

    @GET
    @Path("conversations/rows")
    public Uni<TemplateInstance> rows(@BeanParam ListParams params, @QueryParam("selected") long selected) {
        return staff.get().chain(me -> listView(me, params, selected).map(list ->
                page(Templates.rows(page(me), list), me)));
    }

    @GET
    @Path("conversations/{id}")
    public Uni<TemplateInstance> transcript(@PathParam("id") long id, @HeaderParam("HX-Request") String htmx,
                                            @BeanParam ListParams params) {
        return staff.get().chain(me -> desk.open(me, id).chain(found -> {
            var transcript = found.orElseThrow(NotFoundException::new);
            return panel(me, transcript).chain(panel -> htmx != null
                    ? Uni.createFrom().item(page(Templates.panel(page(me), panel), me))
                    : listView(me, params, id).map(list -> page(Templates.conversations(page(me), list, panel), me)));
        }));
    }

    @GET
    @Path("conversations/{id}/head")
    public Uni<TemplateInstance> head(@PathParam("id") long id) {
        return refreshed(id).map(p -> page(Templates.head(page(p.me()), p), p.me()));
    }

    @GET
    @Path("conversations/{id}/messages")
    public Uni<TemplateInstance> messages(@PathParam("id") long id) {
        return refreshed(id).map(p -> page(Templates.messages(page(p.me()), p), p.me()));
    }

    @POST
    @Path("conversations/{id}/takeover")
    public Uni<TemplateInstance> takeOver(@PathParam("id") long id, @FormParam("reassign") boolean reassign) {
        return staff.get().chain(me -> desk.takeOver(me, id, reassign).chain(outcome -> afterAction(me, id, outcome)));
    }

    @POST
    @Path("conversations/{id}/handback")
    public Uni<TemplateInstance> handBack(@PathParam("id") long id) {
        return staff.get().chain(me -> desk.handBack(me, id).chain(outcome -> afterAction(me, id, outcome)));
    }

    @POST
    @Path("conversations/{id}/close")
    public Uni<TemplateInstance> close(@PathParam("id") long id) {
        return staff.get().chain(me -> desk.close(me, id).chain(outcome -> afterAction(me, id, outcome)));
    }

    @POST
    @Path("conversations/{id}/reply")
    public Uni<TemplateInstance> reply(@PathParam("id") long id, @FormParam("text") String text) {
        return staff.get().chain(me -> desk.reply(me, id, text).chain(outcome -> refreshed(id).map(p -> {
            TranscriptPanel shown = noticeOf(outcome, p);
            return page(Templates.replybox(page(me), shown), me);
        })));
    }

    @POST
    @Path("conversations/{id}/preview")
    public Uni<TemplateInstance> preview(@PathParam("id") long id, @FormParam("text") String text) {
        return staff.get().chain(me -> desk.summary(id).map(found -> {
            var conversation = found.orElseThrow(NotFoundException::new);
            return page(Templates.counter(page(me), previewer.preview(conversation, text)), me);
        }));
    }

    private Uni<TemplateInstance> afterAction(ConsoleUser me, long id, DeskOutcome outcome) {
        return refreshed(id).map(p -> page(Templates.panel(page(me), noticeOf(outcome, p)), me));
    }

    private static TranscriptPanel noticeOf(DeskOutcome outcome, TranscriptPanel p) {
        if (outcome instanceof DeskOutcome.HeldBy held) {
            return p.withNotice("heldByOther", held.agent(), "bad");
        }
        if (outcome instanceof DeskOutcome.BadText bad) {
            return bad.limit() == 0 ? p.withNotice("emptyText", null, "bad")
                    : p.withNotice("tooLong", Integer.toString(bad.limit()), "bad");
        }
        if (outcome instanceof DeskOutcome.Refused refused) {
            return p.withNotice("refused" + refused.reason().name(), null, "bad");
        }
        if (outcome instanceof DeskOutcome.Sent) {
            return p.withNotice("sent", null, "ok");
        }
        return p;
    }

    private Uni<TranscriptPanel> refreshed(long id) {
        return staff.get().chain(me -> desk.refresh(me, id).chain(found ->
                panel(me, found.orElseThrow(NotFoundException::new))));
    }

    private Uni<TranscriptPanel> panel(ConsoleUser me, ConversationDesk.Transcript t) {
        return canned.all().chain(replies -> desk.summary(t.conversation().id()).map(summary ->
                new TranscriptPanel(t.conversation(), t.messages(), me, replies,
                        summary.map(desk::limitOf).orElse(0), null, null, null, Instant.now())));
    }

    private Uni<ListView> listView(ConsoleUser me, ListParams params, long selected) {
        ListView.FilterForm form = params.form();
        var filter = ListQuery.filter(form.channel(), form.state(), form.department(), form.failed(),
                form.optedOut(), form.mine() ? me.username() : null, form.unassigned(), form.q(), me.supervisor(),
                params.before, 50);
        return desk.list(me, filter).map(lines -> new ListView(lines, form, ListQuery.next(lines, filter.limit()),
                Instant.now(), selected));
    }

    private static ConsolePage page(ConsoleUser me) {
        return new ConsolePage(me, me.lang(), "conversations");
    }

    private static TemplateInstance page(TemplateInstance t, ConsoleUser me) {
        return t.setLocale(java.util.Locale.forLanguageTag(me.lang()));
    }
}
