package gov.tawasul.channels.email;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The e-mail channel on, against the {@link GreenMailResource} mail server (one application start for all). */
public class EmailTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GreenMailResource.class));
    }
}
