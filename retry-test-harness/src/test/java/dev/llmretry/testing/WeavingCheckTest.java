package dev.llmretry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Which classes the weaving check reaches, and what it counts as woven (ajc's generated {@code m_aroundBody<n>}). */
class WeavingCheckTest {

    @Test
    void methodWithWovenBody_passes_methodWithout_isNamed() {
        assertEquals(List.of("breaker()"), WeavingCheck.unwovenMethods(HalfWoven.class));
    }

    @Test
    void annotationOnType_everyPublicMethodMustBeWoven_privateOnesNeedNot() {
        assertEquals(List.of("first(String)"), WeavingCheck.unwovenMethods(TypeLevel.class));
    }

    @Test
    void unannotatedClass_hasNothingToWeave() {
        assertEquals(List.of(), WeavingCheck.unwovenMethods(String.class));
        assertEquals(List.of(), WeavingCheck.unwovenMethods(Driver.class));
    }

    @Test
    void unwovenClassTwoFieldsDeep_isFound() {
        Holder testInstance = new Holder();

        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> WeavingCheck.verify(List.of(testInstance), Set.of()));

        assertTrue(e.getMessage().startsWith(UnwovenChatService.class.getName() + " carries"), e.getMessage());
    }

    @Test
    void subclassOfAnUnwovenClass_isCaughtAtTheDeclaringClass() {
        Object proxyLike = new UnwovenChatService() { };

        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> WeavingCheck.verify(List.of(new Object() { final Object service = proxyLike; }), Set.of()));

        assertTrue(e.getMessage().startsWith(UnwovenChatService.class.getName()), e.getMessage());
    }

    @Test
    void wovenLookingFieldsOnly_pass() {
        WeavingCheck.verify(List.of(new Object() { final HalfWoven.Woven service = new HalfWoven.Woven(); }), Set.of());
    }

    static class Holder {
        final Controller controller = new Controller();
    }

    static class Controller {
        final UnwovenChatService service = new UnwovenChatService();
    }

    /** Looks like ajc's output for {@code ask}, not for {@code breaker}. */
    static class HalfWoven {
        @LlmRetry
        public String ask() {
            return "";
        }

        private static String ask_aroundBody0(HalfWoven self) {
            return "";
        }

        @LlmCircuitBreaker
        String breaker() {
            return "";
        }

        static class Woven {
            @Failover(endpoints = "iag")
            public String chat() {
                return "";
            }

            private static String chat_aroundBody0(Woven self) {
                return "";
            }
        }
    }

    @LlmRetry
    public static class TypeLevel {
        public String first(String q) {
            return q;
        }

        private String helper() {
            return "";
        }
    }
}
