package gov.tawasul.engine.processing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The engine's keys under {@code tawasul.cases} (the case connector's own {@code CasesConfig} holds the rest of that
 * prefix): answers owed after a case-system outage ({@link CaseFollowUpJob}).
 */
@ConfigMapping(prefix = "tawasul.cases")
public interface CaseFollowUpConfig {

    /**
     * @return how long after a message arrived a citizen told "we cannot check the case right now" is still
     *         answered once the case system is back ({@code tawasul.cases.retry-window}); later, the answer is
     *         dropped (the citizen has probably asked again or gone elsewhere)
     */
    @WithDefault("30m")
    Duration retryWindow();

    /**
     * @return how often owed answers are tried ({@code tawasul.cases.retry-interval}): one lookup per try while the
     *         case system is still down
     */
    @WithDefault("30s")
    Duration retryInterval();
}
