package io.deidq.pipeline;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGenerator;

import java.lang.reflect.Method;
import java.util.List;

/** Test names that say which broker they ran on: the method's name in words, and the class's {@link DisplayName}. */
final class BrokerDisplayNames extends DisplayNameGenerator.Standard {

    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        String words = testMethod.getName().replaceAll("([A-Z])", " $1").toLowerCase();
        DisplayName broker = testClass.getAnnotation(DisplayName.class);
        return broker == null ? words : words + " (" + broker.value() + ")";
    }
}
