package dev.llmretry.processor;

import dev.llmretry.internal.config.DeclaredCall;
import dev.llmretry.internal.config.DeclaredCall.ThrowableType;
import dev.llmretry.internal.config.SettingsPatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Replays the annotations written on one element into the runtime's {@link DeclaredCall}, as the runtime replays
 * them read by reflection, so that both check them with the same rules and messages. Class literals become names
 * with their supertypes' names; attribute values become {@link SettingsPatch}es (null when one is invalid: its own
 * check reports it). Stateless apart from the compiler's utilities.
 *
 * <pre>{@code
 * DeclaredCall call = declarations.of(method, retrySite, null, failoverSite, null).call();
 * }</pre>
 */
final class Declarations {
    /** The breaker attributes a failover method ignores, in the order they are blamed (the name first). */
    private static final List<String> BREAKER_ATTRIBUTES = List.of("name", "policy", "failureThreshold",
            "recoveryTime", "successThreshold", "halfOpenMaxCalls");
    private static final String[][] RETRY_DURATIONS = {{"initialBackoff", "initial-backoff"},
            {"maxBackoff", "max-backoff"}, {"maxDuration", "max-duration"}, {"maxRetryAfter", "max-retry-after"},
            {"attemptTimeout", "attempt-timeout"}};

    /**
     * A declaration and the {@code retryOn} entries its {@link DeclaredCall#retryOn()} came from (unresolved class
     * literals are left out of both), to underline the one a problem is about.
     */
    record Declaration(DeclaredCall call, List<AnnotationValue> retryOnItems) {
    }

    private final Types types;
    private final Elements elements;

    Declarations(Types types, Elements elements) {
        this.types = types;
        this.elements = elements;
    }

    /**
     * @param typeFailover the {@code @Failover} of the method's class when it applies to the method (a public method
     *                     without its own), else null
     */
    Declaration of(Element element, Site retry, Site breaker, Site failover, Site typeFailover) {
        DeclaredCall.Builder call = DeclaredCall.builder(id(element), DeclaredCall.Source.COMPILE_TIME);
        List<AnnotationValue> retryOnItems = new ArrayList<>();
        if (retry != null) {
            call.retry(policy(retry), retryPatch(retry))
                    .retryOn(throwables(retry, "retryOn", retryOnItems))
                    .abortOn(throwables(retry, "abortOn", new ArrayList<>()));
        }
        if (breaker != null) {
            call.breaker(policy(breaker), null)
                    .breakerAttributes(BREAKER_ATTRIBUTES.stream().filter(breaker::isSet).toList());
        }
        Site effective = failover != null ? failover : typeFailover;
        if (effective != null) call.failover(endpoints(effective)).failoverOnType(failover == null);
        return new Declaration(call.build(), retryOnItems);
    }

    /** A method under an (own or class-level) {@code @Failover}, with its {@code Endpoint} parameters. */
    DeclaredCall parameters(Element method, Site failover, boolean onType, int first, int count) {
        DeclaredCall.Builder call = DeclaredCall.builder(id(method), DeclaredCall.Source.COMPILE_TIME)
                .endpointParameters(first, count);
        if (failover != null) call.failover(endpoints(failover)).failoverOnType(onType);
        return call.build();
    }

    /** The retry attributes as the runtime reads them ({@code AnnotationPatches}); null when one is invalid. */
    static SettingsPatch retryPatch(Site site) {
        try {
            SettingsPatch.Builder p = SettingsPatch.retryAttributes("@LlmRetry on " + site.where());
            Integer attempts = site.intValue("maxAttempts");
            if (attempts != null) p.put("max-attempts", attempts);
            Double multiplier = site.doubleValue("multiplier");
            if (multiplier != null) p.put("multiplier", multiplier);
            for (String[] a : RETRY_DURATIONS) {
                String v = site.stringValue(a[0]);
                if (v != null && !v.isEmpty()) p.put(a[1], v);
            }
            return p.build();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The runtime's {@code methods:} key of a method ({@code com.acme.Chat$Inner#ask}), or a class's binary name. */
    String id(Element element) {
        if (element instanceof TypeElement type) return elements.getBinaryName(type).toString();
        if (element.getKind() == ElementKind.METHOD && element.getEnclosingElement() instanceof TypeElement type) {
            return elements.getBinaryName(type) + "#" + element.getSimpleName();
        }
        return Names.describe(element);
    }

    private static String policy(Site site) {
        String policy = site.stringValue("policy");
        return policy == null ? "" : policy;
    }

    private static List<String> endpoints(Site failover) {
        return failover.arrayValue("endpoints").stream().map(item -> String.valueOf(item.getValue())).toList();
    }

    private List<ThrowableType> throwables(Site site, String attribute, List<AnnotationValue> items) {
        List<ThrowableType> out = new ArrayList<>();
        for (AnnotationValue item : site.arrayValue(attribute)) {
            if (!(Site.typeOf(item) instanceof DeclaredType type) || type.getKind() != TypeKind.DECLARED) continue;
            Set<String> supertypes = new HashSet<>();
            collectSupertypes(type, supertypes);
            items.add(item);
            out.add(new ThrowableType(name(type), supertypes));
        }
        return out;
    }

    private void collectSupertypes(TypeMirror type, Set<String> into) {
        for (TypeMirror s : types.directSupertypes(type)) {
            if (s instanceof DeclaredType d && into.add(name(d))) collectSupertypes(d, into);
        }
    }

    private String name(DeclaredType type) {
        return elements.getBinaryName((TypeElement) type.asElement()).toString();
    }
}
