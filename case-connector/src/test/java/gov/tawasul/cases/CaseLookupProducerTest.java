package gov.tawasul.cases;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime choice of connector by {@code tawasul.cases.connector}. */
class CaseLookupProducerTest {

    private static CasesConfig connector(String value) {
        return (CasesConfig) Proxy.newProxyInstance(CasesConfig.class.getClassLoader(),
                new Class<?>[] {CasesConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("connector")) {
                        return value;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void localAndRestCaseInsensitive() {
        assertThat(new CaseLookupProducer(connector("local")).connector()).isEqualTo(CaseLookupProducer.Connector.LOCAL);
        assertThat(new CaseLookupProducer(connector(" REST ")).connector()).isEqualTo(CaseLookupProducer.Connector.REST);
    }

    @Test
    void unknownValueIsRejectedNamingTheChoices() {
        assertThatThrownBy(() -> new CaseLookupProducer(connector("soap")).connector())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tawasul.cases.connector='soap'")
                .hasMessageContaining("'local'").hasMessageContaining("'rest'");
    }
}
