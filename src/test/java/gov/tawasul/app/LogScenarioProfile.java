package gov.tawasul.app;

import gov.tawasul.channels.email.GreenMailResource;
import gov.tawasul.channels.facebook.GraphApiMock;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.channels.twitter.XApiWireMock;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Every channel on at once — SMS (WireMock Twilio), Messenger (WireMock Graph), X (WireMock X API), e-mail (GreenMail). */
public class LogScenarioProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TwilioWireMockResource.class), new TestResourceEntry(GraphApiMock.class),
                new TestResourceEntry(XApiWireMock.class), new TestResourceEntry(GreenMailResource.class));
    }
}
