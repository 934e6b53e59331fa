package gov.tawasul.channels.email;

import gov.tawasul.engine.testing.TcpProxy;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the {@link TestMailServer} (GreenMail SMTP and IMAP on free ports, IMAP behind a {@link TcpProxy}) for the
 * e-mail tests, and turns the e-mail channel on against it: {@code tawasul.email.*} (the bot's mailbox over plain
 * IMAP, short IDLE renewal, lease and backoff so that tests wait seconds, not minutes) and {@code quarkus.mailer.*}
 * (the relay, with the bot's login). Injects the server into {@link InjectMailServer} fields.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private GreenMail greenMail;
    private TcpProxy proxy;
    private TestMailServer server;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup[]{
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        try {
            proxy = new TcpProxy(greenMail.getImap().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new TestMailServer(greenMail, proxy);
        Map<String, String> config = new HashMap<>();
        config.put("tawasul.email.address", TestMailServer.BOT);
        config.put("tawasul.email.display-name", "تواصل - الإمارة");
        config.put("tawasul.email.imap.host", "127.0.0.1");
        config.put("tawasul.email.imap.port", Integer.toString(proxy.port()));
        config.put("tawasul.email.imap.security", "none");
        config.put("tawasul.email.imap.username", TestMailServer.BOT);
        config.put("tawasul.email.imap.password", TestMailServer.PASSWORD);
        config.put("tawasul.email.imap.idle-renewal", "1s");
        config.put("tawasul.email.imap.lease-ttl", "4s");
        config.put("tawasul.email.imap.initial-backoff", "100ms");
        config.put("tawasul.email.imap.max-backoff", "1s");
        config.put("tawasul.email.imap.timeout", "5s");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(greenMail.getSmtp().getPort()));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("quarkus.mailer.tls", "false");
        config.put("quarkus.mailer.username", TestMailServer.BOT);
        config.put("quarkus.mailer.password", TestMailServer.PASSWORD);
        config.put("quarkus.mailer.mock", "false");
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectMailServer.class, TestMailServer.class));
        testInjector.injectIntoFields(new MailCitizen(server),
                new TestInjector.AnnotatedAndMatchesType(InjectMailServer.class, MailCitizen.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
