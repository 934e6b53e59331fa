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

    /**
     * @param name what the channel carries, e.g. {@code conversation-events}
     * @return the pub/sub channel {@code <key-prefix>db<index>:<name>}: pub/sub ignores the database index, so it is
     *         part of the name (deployments and tests on other indexes never see each other's messages)
     */
    default String pubSubChannel(String name) {
        return keyPrefix() + "db" + io.lettuce.core.RedisURI.create(url()).getDatabase() + ":" + name;
    }
}
