package dev.llmretry.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;

/** The attribute checks of one {@code @Failover}: at least one endpoint, no duplicates, more than one endpoint. */
final class FailoverChecks {
    private final Diagnostics diagnostics;

    FailoverChecks(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(Site site) {
        List<AnnotationValue> endpoints = site.arrayValue("endpoints");
        if (endpoints.isEmpty()) {
            diagnostics.report(Check.NO_ENDPOINTS, site, "endpoints", "@Failover names no endpoints. List at least one "
                    + "endpoint from retry.yaml, e.g. @Failover(endpoints = {\"iag\", \"oneapi\"}).");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (AnnotationValue item : endpoints) {
            String name = String.valueOf(item.getValue());
            if (!seen.add(name)) {
                diagnostics.report(Check.DUPLICATE_ENDPOINT, site, item, "@Failover lists endpoint '" + name
                        + "' more than once; it would be tried twice. Remove the duplicate.");
            }
        }
        if (endpoints.size() == 1) {
            diagnostics.report(Check.SINGLE_ENDPOINT, site, "endpoints", "@Failover names a single endpoint ('"
                    + endpoints.get(0).getValue() + "'), so there is nothing to fail over to. Add a second endpoint, or use "
                    + "@LlmRetry alone if one endpoint is intended.");
        }
    }
}
