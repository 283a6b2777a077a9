package reactor.core.publisher;

/** Stands in for Reactor's Mono (the advice matches it by name; Reactor itself is not a dependency). */
public class Mono<T> {
    private final T value;

    public Mono(T value) {
        this.value = value;
    }

    public T value() { return value; }
}
