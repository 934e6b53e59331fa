package gov.tawasul.engine.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Redis connection ({@code tawasul.redis.*}). */
@ConfigMapping(prefix = "tawasul.redis")
public interface RedisConfig {

    /**
     * Redis URI as Lettuce reads it: {@code redis://[password@]host[:port][/database]}; the database index in
     * the path is honoured (e.g. {@code redis://localhost:6379/3}).
     */
    @WithDefault("redis://localhost:6379")
    String url();

    /** Prefix of every key the bot writes, so that several deployments can share one Redis. */
    @WithDefault("tawasul:")
    String keyPrefix();
}
