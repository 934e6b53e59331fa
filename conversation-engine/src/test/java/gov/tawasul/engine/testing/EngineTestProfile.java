package gov.tawasul.engine.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Set;

/** Engine tests: the SMS channel is replaced by {@link RecordingSender}, so that no channel is involved. */
public class EngineTestProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingSender.class);
    }
}
