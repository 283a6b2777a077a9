package dev.llmretry.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * One annotation where it is written: the annotated element and the annotation mirror. Reads only the attributes the
 * user wrote (javac's explicit values), so "unset" never needs the {@code UNSET}/NaN/"" sentinels. Immutable.
 *
 * <pre>{@code
 * Site site = Site.find(method, Names.LLM_RETRY);
 * Integer max = site.intValue("maxAttempts");   // null when not written
 * }</pre>
 *
 * @param element the method or type carrying the annotation
 * @param mirror  the annotation on it
 */
record Site(Element element, AnnotationMirror mirror) {

    /** The annotation named {@code annotationName} directly on {@code element}, or null. */
    static Site find(Element element, String annotationName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotationName)) return new Site(element, mirror);
        }
        return null;
    }

    /**
     * The annotation on {@code type} or, since the annotations are {@code @Inherited}, on its nearest superclass that
     * has it; null when none has it.
     */
    static Site findOnType(TypeElement type, String annotationName) {
        for (TypeElement t = type; t != null; t = superclass(t)) {
            Site site = find(t, annotationName);
            if (site != null) return site;
        }
        return null;
    }

    private static TypeElement superclass(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        return superclass instanceof javax.lang.model.type.DeclaredType d ? (TypeElement) d.asElement() : null;
    }

    /** The simple name of the annotation: {@code LlmRetry}. */
    String annotationName() {
        return mirror.getAnnotationType().asElement().getSimpleName().toString();
    }

    /** The written value of the attribute, or null when it was left at its default. */
    AnnotationValue value(String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) return e.getValue();
        }
        return null;
    }

    boolean isSet(String attribute) {
        return value(attribute) != null;
    }

    Integer intValue(String attribute) {
        AnnotationValue v = value(attribute);
        return v != null && v.getValue() instanceof Integer ? (Integer) v.getValue() : null;
    }

    Double doubleValue(String attribute) {
        AnnotationValue v = value(attribute);
        return v != null && v.getValue() instanceof Number ? ((Number) v.getValue()).doubleValue() : null;
    }

    String stringValue(String attribute) {
        AnnotationValue v = value(attribute);
        return v != null && v.getValue() instanceof String ? (String) v.getValue() : null;
    }

    /** The elements of an array attribute with their own values (to underline one entry); empty when unset. */
    List<AnnotationValue> arrayValue(String attribute) {
        AnnotationValue v = value(attribute);
        List<AnnotationValue> items = new ArrayList<>();
        if (v == null) return items;
        if (v.getValue() instanceof List<?> list) {
            for (Object o : list) if (o instanceof AnnotationValue item) items.add(item);
        } else {
            items.add(v); // a single value written without braces
        }
        return items;
    }

    /** The class literal of one array item, or null when it does not resolve. */
    static TypeMirror typeOf(AnnotationValue item) {
        return item.getValue() instanceof TypeMirror type ? type : null;
    }

    /** {@code com.acme.Chat#ask} or {@code com.acme.Chat}, for messages. */
    String where() {
        return Names.describe(element);
    }
}
